using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of the glibc patch set's <c>tst-pidfd.c</c>: a child is signalled and waited for through its pidfd,
/// its exit status says how it ended, and <see cref="PidFd.GetFd"/> duplicates one of its
/// descriptors into this process.
/// </summary>
public sealed class PidFdTests : LeakCheckedTest
{
    [Fact]
    public void Pidfds_are_supported_on_this_kernel()
    {
        Assert.True(PidFd.IsSupported);
    }

    [Fact]
    public void WaitForExit_gives_the_exit_code()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("exit", "42"), null);

        ExitStatus status = pidfd.WaitForExit();

        Assert.True(status.Exited);
        Assert.False(status.Signaled);
        Assert.Equal(42, status.ExitCode);
        Assert.Equal("exited with code 42", status.ToString());
    }

    [Fact]
    public void SendSignal_kills_the_child_and_WaitForExit_says_by_which_signal()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("sleep", "10000"), null);

        Assert.False(pidfd.TryWaitForExit(out _));
        Assert.False(pidfd.HasExited);
        pidfd.SendSignal(Signals.SIGUSR1);
        ExitStatus status = pidfd.WaitForExit();

        Assert.True(status.Signaled);
        Assert.Equal(Signals.SIGUSR1, status.Signal);
        Assert.Equal("killed by signal 10 (SIGUSR1)", status.ToString());
    }

    [Fact]
    public void A_child_that_kills_itself_is_reported_killed()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("kill", Signals.SIGTERM.Text()), null);

        ExitStatus status = pidfd.WaitForExit();

        Assert.Equal(Signals.SIGTERM, status.Signal);
    }

    [Fact]
    public void HasExited_and_TryWaitForExit_see_the_exit_before_the_reap()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("exit", "3"), null);

        Assert.True(SpinWait.SpinUntil(() => pidfd.HasExited, TimeSpan.FromSeconds(10)));
        Assert.True(pidfd.TryWaitForExit(out ExitStatus status));
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public void SendSignal_after_the_reap_fails_with_ESRCH()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv(), null);
        pidfd.WaitForExit();

        Assert.False(pidfd.TrySendSignal(Signals.SIGTERM, out Errno error));
        Assert.Equal(Errno.ESRCH, error);
        Assert.Equal(Errno.ESRCH, Assert.Throws<SpawnException>(() => pidfd.SendSignal(Signals.SIGTERM)).Errno);
    }

    [Fact]
    public void GetFd_duplicates_a_descriptor_of_the_child()
    {
        using var directory = new TestDirectory();
        string path = directory.CreateFile("shared", "seen through pidfd_getfd");
        var actions = new SpawnFileActions().AddOpen(5, path, OpenFlags.O_RDONLY, 0);
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("sleep", "10000"), null);
        try
        {
            // The actions ran before exec, so descriptor 5 is there once the spawn returned.
            using SafeFileHandle duplicate = pidfd.GetFd(5);
            byte[] buffer = new byte[64];
            int length = RandomAccess.Read(duplicate, buffer, 0);

            Assert.Equal("seen through pidfd_getfd", System.Text.Encoding.UTF8.GetString(buffer, 0, length));
            Assert.Equal(Errno.EBADF, Assert.Throws<SpawnException>(() => pidfd.GetFd(999)).Errno);
        }
        finally
        {
            pidfd.SendSignal(Signals.SIGKILL);
            pidfd.WaitForExit();
        }
    }
}
