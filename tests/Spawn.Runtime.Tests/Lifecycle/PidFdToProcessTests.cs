using System.Diagnostics;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

/// <summary>
/// <see cref="PidFd.ToProcess"/>: a <see cref="Process"/> for a spawned child, made only while the pidfd
/// proves the pid is still that child's.
/// </summary>
public sealed class PidFdToProcessTests : LeakCheckedTest
{
    [Fact]
    public async Task A_running_child_becomes_a_Process_that_sees_it_exit_once_the_PidFd_reaps_it()
    {
        using PidFd child = Spawner.PidFdSpawn("/bin/sleep", null, null, ["sleep", "30"], []);
        using Process process = child.ToProcess();

        Assert.Equal(child.Pid, process.Id);
        Assert.Equal("sleep", process.ProcessName);
        Assert.False(process.HasExited);

        child.SendSignal(Signals.SIGKILL);
        Assert.Equal(Signals.SIGKILL, (await child.WaitForExitAsync()).Signal);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.HasExited);
    }

    [Fact]
    public void An_exited_child_is_ESRCH_even_before_it_is_reaped()
    {
        using PidFd child = Spawner.PidFdSpawn("/bin/true", null, null, ["true"], []);
        SpinWait.SpinUntil(() => child.HasExited, TimeSpan.FromSeconds(10));

        var error = Assert.Throws<SpawnException>(() => child.ToProcess());

        Assert.Equal(Errno.ESRCH, error.Errno);
        Assert.Equal(0, child.WaitForExit().ExitCode);
    }

    [Fact]
    public void A_disposed_handle_is_refused()
    {
        PidFd child = Spawner.PidFdSpawn("/bin/true", null, null, ["true"], []);
        child.WaitForExit();
        child.Dispose();

        Assert.Throws<ObjectDisposedException>(() => child.ToProcess());
    }
}
