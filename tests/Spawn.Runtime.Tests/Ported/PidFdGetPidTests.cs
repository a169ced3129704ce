using Spawn.Interop;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of the glibc patch set's <c>tst-pidfd_getpid.c</c>: <see cref="PidFd.GetPid"/> gives the pid of a live
/// (or exited but unreaped) child, ESRCH once it was reaped, EBADF for a descriptor that is not a
/// pidfd; and EREMOTE when the process is not visible from the caller's pid namespace, checked
/// from inside a new pid namespace (see <see cref="A_pidfd_from_outside_a_new_pid_namespace_has_no_pid_inside"/>
/// and <see cref="The_fdinfo_reader_answers_EREMOTE_for_a_process_its_procfs_cannot_see"/>).
/// </summary>
public sealed class PidFdGetPidTests : LeakCheckedTest
{
    [Fact]
    public void GetPid_of_a_live_child_is_its_pid()
    {
        using PidFd pidfd = SpawnSleeper();
        try
        {
            Assert.Equal(pidfd.Pid, pidfd.GetPid());
            Assert.Equal(Environment.ProcessId, ParentOf(pidfd.Pid));
        }
        finally
        {
            pidfd.SendSignal(Signals.SIGKILL);
            pidfd.WaitForExit();
        }
    }

    [Fact]
    public void GetPid_of_an_exited_child_not_yet_reaped_is_still_its_pid()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("exit", "0"), null);
        SpinWait.SpinUntil(() => pidfd.HasExited, TimeSpan.FromSeconds(10));

        Assert.Equal("Z", ProcessResources.ChildState(pidfd.Pid));
        Assert.Equal(pidfd.Pid, pidfd.GetPid());
        pidfd.WaitForExit();
    }

    [Fact]
    public void GetPid_after_the_child_was_reaped_fails_with_ESRCH()
    {
        using PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv(), null);
        pidfd.WaitForExit();

        Assert.False(pidfd.TryGetPid(out _, out Errno error));
        Assert.Equal(Errno.ESRCH, error);
        Assert.Equal(Errno.ESRCH, Assert.Throws<SpawnException>(() => pidfd.GetPid()).Errno);
    }

    [Fact]
    public void GetPid_of_a_pidfd_opened_on_this_process_is_this_process()
    {
        using PidFd self = PidFd.Open(Environment.ProcessId);

        Assert.Equal(Environment.ProcessId, self.GetPid());
    }

    [Fact]
    public void GetPid_of_a_descriptor_that_is_not_a_pidfd_fails_with_EBADF()
    {
        int fd = LibC.Check(LibC.Open("/dev/null", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0), "open /dev/null");
        using PidFd notPidFd = PidFd.FromRaw(fd, 0);

        Assert.False(notPidFd.TryGetPid(out _, out Errno error));
        Assert.Equal(Errno.EBADF, error);
    }

    /// <summary>
    /// The namespace case needs a caller inside a new pid namespace, and this test process cannot
    /// enter one (unshare(CLONE_NEWPID) only moves later children). So the probe does: it gets the
    /// pidfd of a sleeping child of ours through a dup2 action, unshares pid and mount namespaces,
    /// forks (the fork is pid 1 of the new namespace), mounts a fresh /proc and asks both sources
    /// <see cref="PidFd.TryGetPid"/> reads: the PIDFD_GET_INFO ioctl and the fdinfo Pid field. glibc
    /// maps fdinfo's 0 to EREMOTE (-1 is ESRCH); our namespace still sees the pid.
    /// </summary>
    [SkippableFact]
    public void A_pidfd_from_outside_a_new_pid_namespace_has_no_pid_inside()
    {
        Skip.If(LibC.GetEUid() != 0, "unshare(CLONE_NEWPID | CLONE_NEWNS) needs root");
        using PidFd outside = SpawnSleeper();
        try
        {
            int target = LibC.FirstClosedAbove(9);

            ProbeReport report = ProbeChild.RunToSuccess(
                new SpawnFileActions().AddDup2(outside.Fd(), target), null, "pidns-getpid", target.Text());

            Skip.If(report.All("pidns-unshare").Count > 0, $"unshare(CLONE_NEWPID | CLONE_NEWNS) failed: {report.Text}");
            Assert.Equal(1, report.Number("pidns-self"));
            Assert.Equal(0, report.Number("pidns-fdinfo"));
            Assert.Equal(-Errno.EREMOTE.Value, report.Number("pidns-ioctl"));
            Assert.Equal(outside.Pid, outside.GetPid());
        }
        finally
        {
            outside.SendSignal(Signals.SIGKILL);
            outside.WaitForExit();
        }
    }

    /// <summary>
    /// Our side of the namespace case: <see cref="PidFd.TryGetPid"/> falls back to the fdinfo
    /// <c>Pid:</c> field, which a procfs fills in for its own pid namespace. The probe holds a
    /// process in a new pid namespace with its own /proc; through <c>/proc/PID/root</c> this test
    /// opens that /proc's fdinfo of our sleeper's pidfd and gives it to the runtime's parser, which
    /// must answer EREMOTE.
    /// </summary>
    [SkippableFact]
    public void The_fdinfo_reader_answers_EREMOTE_for_a_process_its_procfs_cannot_see()
    {
        Skip.If(LibC.GetEUid() != 0, "unshare(CLONE_NEWPID | CLONE_NEWNS) needs root");
        using PidFd outside = SpawnSleeper();
        using var gate = new TestPipe();
        using var output = new ProbeOutput();
        int target = LibC.FirstClosedAbove(9);
        SpawnFileActions actions = output.RedirectStdout(
            new SpawnFileActions().AddDup2(outside.Fd(), target).AddDup2(gate.ReadEnd.Fd(), 0));
        using PidFd holder = Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv("pidns-hold"), null);
        try
        {
            // The two lines come from two processes (the holder and its child in the new namespace), in either order.
            ProbeReport report = WaitForReport(output, holder, "pidns-mounted", "pidns-child");
            Skip.If(report.All("pidns-unshare").Count > 0, $"unshare(CLONE_NEWPID | CLONE_NEWNS) failed: {report.Text}");
            string fdinfo = $"/proc/{report.Number("pidns-child")}/root/proc/1/fdinfo/{target}";
            using var file = LibC.OpenOwned(fdinfo, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);

            Errno answer = ProcFdInfo.ReadPidField(file.Fd(), out int pid);

            Assert.Equal(Errno.EREMOTE, answer);
            Assert.Equal(0, pid);
        }
        finally
        {
            gate.Release();
            holder.WaitForExit();
            outside.SendSignal(Signals.SIGKILL);
            outside.WaitForExit();
        }
    }

    /// <summary>Reads the running probe's output until it reported every one of <paramref name="keys"/> (or exited).</summary>
    private static ProbeReport WaitForReport(ProbeOutput output, PidFd probe, params string[] keys)
    {
        ProbeReport report = output.Read();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (keys.Any(key => report.All(key).Count == 0) && !probe.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            report = output.Read();
        }

        return output.Read();
    }

    private static PidFd SpawnSleeper() =>
        Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("sleep", "10000"), null);

    private static int ParentOf(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/status").Single(line => line.StartsWith("PPid:", StringComparison.Ordinal))[5..], System.Globalization.CultureInfo.InvariantCulture);
}
