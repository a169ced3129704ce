using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Commands;

/// <summary>
/// Generated specs with [Timeout] and [StopSignal] stop real children by their policy and throw the
/// <see cref="JobStoppedException"/> the runtime's verbs throw; nothing is left behind.
/// </summary>
public sealed class SpecStopTests : LeakCheckedTest
{
    [Fact]
    public void A_timeout_stops_the_synchronous_form_with_SIGTERM_and_says_so()
    {
        var error = Assert.Throws<JobStoppedException>(() => StopSpecs.Sleep(100));

        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.False(error.Result.Killed);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
        Assert.Contains("`sleep {seconds}` was stopped (its timeout passed) with SIGTERM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_that_ends_in_time_returns_its_status()
    {
        Assert.True(StopSpecs.Sleep(0).Exited);
    }

    [Fact]
    public async Task A_timeout_parameter_stops_the_asynchronous_form()
    {
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () => await StopSpecs.SleepAsync(100, TimeSpan.FromMilliseconds(200)));

        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
    }

    [Fact]
    public async Task A_negative_timeout_parameter_is_refused_before_the_spawn()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await StopSpecs.SleepAsync(100, TimeSpan.FromSeconds(-1)));

        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public void A_child_deaf_to_the_signal_is_killed_after_the_grace_period()
    {
        var error = Assert.Throws<JobStoppedException>(() => StopSpecs.SleepDeafToTerm());

        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.True(error.Result.Killed);
        Assert.Equal(Signals.SIGKILL, error.Result.Status.Signal);
        Assert.Contains("then SIGKILL after the grace period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_token_runs_the_policy()
    {
        using var cancellation = new CancellationTokenSource();
        ValueTask<ExitStatus> running = StopSpecs.SleepUntilCancelled(cancellation.Token);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () => await running);

        Assert.Equal(StopReason.Canceled, error.Reason);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        // The spec's own signal, not the SIGKILL a plain cancelled wait would never send.
        Assert.Equal(Signals.SIGINT, error.Result.Status.Signal);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_spawns_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await StopSpecs.SleepUntilCancelled(cancellation.Token));
        Assert.IsNotType<JobStoppedException>(error);
    }

    [Fact]
    public async Task A_process_group_scope_stops_the_childs_own_children()
    {
        using var folder = new TestDirectory();
        string pidFile = folder["pid"];
        using var cancellation = new CancellationTokenSource();
        ValueTask<ExitStatus> running = StopSpecs.ShellWithChild(pidFile, cancellation.Token);
        int grandchild = WaitForPid(pidFile);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () => await running);

        Assert.True(grandchild > 0, "the shell never wrote its child's pid");
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
        Assert.True(Orphans.WaitUntilGone(grandchild), $"the shell's child {grandchild} outlived the stop of its group");
    }

    [Fact]
    public async Task A_stopped_capture_keeps_what_it_read()
    {
        JobOutput output = await CancelOnceReady(StopSpecs.CaptureUntilCancelled);

        Assert.Equal(Signals.SIGTERM, output.Status.Signal);
        // Read until the pipes closed, so the line written before the stop is there.
        Assert.Equal("started\n", output.StandardOutput);
    }

    [Fact]
    public async Task A_stopped_asynchronous_capture_keeps_what_the_child_wrote_on_its_way_out()
    {
        JobOutput output = await CancelOnceReady(StopSpecs.CaptureTrappingTerm);

        Assert.False(output.Killed);
        // The trap ran: the child ended by itself after the signal, and the reads went on meanwhile.
        Assert.Equal(3, output.Status.ExitCode);
        Assert.Equal("started\nstopping\n", output.StandardOutput);
        Assert.Equal("stopping-error\n", output.StandardError);
        Assert.Empty(ProcessResources.Zombies());
    }

    [Fact]
    public async Task Cancelling_an_asynchronous_capture_as_its_child_exits_reaps_it_once_and_keeps_its_output()
    {
        // The cancellation lands before, during or after the capture collects the exit: either the
        // capture reaped the child (no stop) or the policy did (a stop); never both, never neither.
        for (int round = 0; round < 200; round++)
        {
            using var cancellation = new CancellationTokenSource();
            ValueTask<CapturedOutput> running = StopSpecs.CaptureQuickExit(cancellation.Token);
            if (round % 4 != 0)
                Thread.SpinWait(round * 50);
            await cancellation.CancelAsync();
            try
            {
                CapturedOutput captured = await running;
                Assert.Equal(0, captured.Status.ExitCode);
                Assert.Equal("quick\n", captured.StandardOutput);
            }
            catch (JobStoppedException error)
            {
                JobOutput output = Assert.IsType<JobOutput>(error.Result);
                Assert.True(output.Status.ExitCode == 0 || output.Status.Signal == Signals.SIGTERM, $"round {round}: {output.Status}");
                // A child stopped before it wrote leaves nothing; one that wrote leaves its line whole.
                Assert.True(output.StandardOutput is "" or "quick\n", $"round {round}: '{output.StandardOutput}'");
            }
        }
        Assert.Empty(ProcessResources.Zombies());
    }

    [SkippableFact]
    public void A_timeout_stops_a_synchronous_capture_and_keeps_what_it_read()
    {
        var error = Assert.Throws<JobStoppedException>(() => StopSpecs.CaptureUntilTimeout());

        JobOutput output = Assert.IsType<JobOutput>(error.Result);
        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, output.Status.Signal);
        // A synchronous spec has no token to stop it at a chosen moment: only its timeout.
        Skip.If(output.StandardOutput.Length == 0, "the shell did not write within the 2-second timeout on this machine");
        Assert.Equal("started\n", output.StandardOutput);
    }

    [Fact]
    public void A_timeout_stops_a_synchronous_capture_whose_child_closed_its_pipes()
    {
        var error = Assert.Throws<JobStoppedException>(() => StopSpecs.CaptureOfAChildThatClosedItsPipes());

        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
    }

    // Before: the reads waited for the grandchild's end of file (1,000 s). The synchronous capture
    // blocks its thread, so it runs on one of its own.
    [Fact]
    public Task A_timeout_ends_a_synchronous_capture_whose_pipes_a_grandchild_holds_after_the_drain_time() =>
        EndsWithoutTheGrandchild(pidFile => Task.Factory.StartNew(() => StopSpecs.CaptureWhileAGrandchildHoldsThePipes(pidFile), CancellationToken.None,
                                                                  TaskCreationOptions.LongRunning, TaskScheduler.Default));

    [Fact]
    public Task A_timeout_ends_an_asynchronous_capture_whose_pipes_a_grandchild_holds_after_the_drain_time() =>
        EndsWithoutTheGrandchild(pidFile => StopSpecs.CaptureWhileAGrandchildHoldsThePipesAsync(pidFile).AsTask());

    private static async Task EndsWithoutTheGrandchild(Func<string, Task<CapturedOutput>> start)
    {
        using var folder = new TestDirectory();
        string pidFile = folder["pid"];
        try
        {
            Task<CapturedOutput> capture = start(pidFile);
            Assert.True(await Task.WhenAny(capture, Task.Delay(TimeSpan.FromSeconds(60))) == capture, "the capture still waits for the grandchild's pipes");

            // The shell ended in time: no stop, its status and what it wrote.
            CapturedOutput output = await capture;
            Assert.Equal(0, output.Status.ExitCode);
            Assert.Equal("started\n", output.StandardOutput);
        }
        finally
        {
            KillGrandchild(pidFile);
        }
    }

    private static void KillGrandchild(string pidFile)
    {
        int grandchild = WaitForPid(pidFile);
        if (grandchild > 0)
        {
            LibC.Kill(grandchild, Signals.SIGKILL);
            Assert.True(Orphans.WaitUntilGone(grandchild), $"grandchild {grandchild} survived SIGKILL");
        }
    }

    [SkippableFact]
    public async Task A_cgroup_scope_stops_a_double_forked_daemon()
    {
        using TestCgroup testCgroup = TestCgroup.Create("spec-stop");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);

        var error = await Assert.ThrowsAsync<JobStoppedException>(async () => await StopSpecs.DaemonInCgroup(cgroup));

        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.True(cgroup.WaitUntilEmpty(TimeSpan.FromSeconds(10)), "the daemon outlived the stop");
    }

    // Starts a capture spec that touches the file it is given once it is ready, cancels its token
    // then, and returns what the stop left in the exception.
    private static async Task<JobOutput> CancelOnceReady(Func<string, CancellationToken, ValueTask<CapturedOutput>> capture)
    {
        using var folder = new TestDirectory();
        string ready = folder["ready"];
        using var cancellation = new CancellationTokenSource();
        ValueTask<CapturedOutput> running = capture(ready, cancellation.Token);
        Assert.True(WaitForFile(ready), "the shell never said it was ready");
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<JobStoppedException>(async () => await running);
        Assert.Equal(StopReason.Canceled, error.Reason);
        return Assert.IsType<JobOutput>(error.Result);
    }

    private static bool WaitForFile(string file)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(file) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        return File.Exists(file);
    }

    private static int WaitForPid(string file)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out int pid))
                return pid;
            Thread.Sleep(20);
        }
        return 0;
    }
}
