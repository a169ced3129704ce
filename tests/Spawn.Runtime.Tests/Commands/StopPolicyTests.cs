using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

public sealed class StopPolicyTests : LeakCheckedTest
{
    [Fact]
    public async Task A_timeout_stops_the_command_with_SIGTERM_and_says_so()
    {
        var command = new Command("sleep", "1000") { Timeout = TimeSpan.FromMilliseconds(200) };
        var error = await Assert.ThrowsAsync<JobStoppedException>(() => command.RunAsync());
        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.False(error.Result.Killed);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_ignores_the_signal_is_killed_after_the_grace_period()
    {
        var command = new Command("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done")
        {
            Stop = new StopPolicy { GracePeriod = TimeSpan.FromMilliseconds(300) },
            NewProcessGroup = true,
        };
        using var cancellation = new CancellationTokenSource();
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () =>
        {
            await foreach (OutputLine line in command.ReadLinesAsync(cancellation.Token))
                await cancellation.CancelAsync();
        });
        Assert.Equal(StopReason.Canceled, error.Reason);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(error.Result.Killed);
        Assert.Equal(Signals.SIGKILL, error.Result.Status.Signal);
    }

    [Fact]
    public async Task The_stop_signal_is_configurable_and_a_handler_can_exit_cleanly()
    {
        var command = new Command("sh", "-c", "trap 'echo interrupted; exit 5' INT; echo ready; while :; do sleep 0.05; done")
        {
            Stop = new StopPolicy { Signal = Signals.SIGINT, Scope = StopScope.Process },
        };
        using var cancellation = new CancellationTokenSource();
        var lines = new List<string>();
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () =>
        {
            await foreach (OutputLine line in command.ReadLinesAsync(cancellation.Token))
            {
                lines.Add(line.Text);
                await cancellation.CancelAsync();
            }
        });
        Assert.Equal(Signals.SIGINT, error.Result.StopSignal);
        Assert.Equal(5, error.Result.Status.ExitCode);
        Assert.Equal("ready", lines[0]);
    }

    [Fact]
    public async Task Stopping_a_process_group_reaches_the_grandchildren()
    {
        using var directory = new TestDirectory();
        string pidFile = directory["grandchild"];
        var command = new Command("sh", "-c", $"sleep 1000 & echo $! > {pidFile}; wait")
        {
            NewProcessGroup = true,
            Timeout = TimeSpan.FromMilliseconds(300),
        };
        await Assert.ThrowsAsync<JobStoppedException>(() => command.RunAsync());
        int grandchild = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Orphans.WaitUntilGone(grandchild), $"grandchild {grandchild} survived the stop");
    }

    [SkippableFact]
    public async Task Stopping_a_cgroup_reaches_a_double_forked_daemon()
    {
        using TestCgroup testCgroup = TestCgroup.Create("commands-stop");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        var command = new Command("sh", "-c", "(setsid sleep 1000 &) ; echo started; sleep 1000")
        {
            Cgroup = cgroup,
            Timeout = TimeSpan.FromMilliseconds(300),
            Output = OutputRedirection.Discard,
        };
        var error = await Assert.ThrowsAsync<JobStoppedException>(() => command.RunAsync());
        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.True(cgroup.WaitUntilEmpty(TimeSpan.FromSeconds(10)), "the daemon outlived the stop");
    }

    [Fact]
    public async Task A_token_cancelled_before_the_start_starts_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Command("true").RunAsync(cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (OutputLine line in new Command("true").ReadLinesAsync(cancellation.Token))
                Assert.Fail("no line expected");
        });
    }

    [Fact]
    public void Negative_timeouts_and_grace_periods_are_refused_when_set()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Command("true") { Timeout = TimeSpan.FromSeconds(-1) });
        Assert.Equal("Timeout", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StopPolicy { GracePeriod = TimeSpan.FromSeconds(-2) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StopPolicy { Signal = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Command("true") { OutputDrainTimeout = TimeSpan.FromTicks(-5) });
    }

    [Fact]
    public async Task A_scope_the_job_does_not_have_is_refused_before_the_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new Command("true") { Stop = new StopPolicy { Scope = StopScope.Cgroup } }.RunAsync());
        Assert.Contains("no Cgroup", error.Message, StringComparison.Ordinal);
    }
}
