using System.Globalization;
using System.Text;
using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

/// <summary>
/// Run and Capture wait on the calling thread (one poll over pidfds and pipes), with the timeout, the
/// token and the stop policy of the asynchronous verbs, and give the same results and exceptions.
/// </summary>
public sealed class SynchronousVerbTests : LeakCheckedTest
{
    private static readonly string RunnerPath = Path.Combine(AppContext.BaseDirectory, "Spawn.Runtime.JobRunner.dll");

    [Fact]
    public void A_timeout_stops_the_command_with_SIGTERM()
    {
        var command = new Command("sleep", "100") { Timeout = TimeSpan.FromMilliseconds(100) };
        var error = Assert.Throws<JobStoppedException>(() => command.Run());
        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.StopSignal);
        Assert.False(error.Result.Killed);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
    }

    [Fact]
    public void A_command_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        // env ignores TERM before it execs sleep (an ignored signal stays ignored across exec); the
        // timeout leaves it ample time to get there.
        var command = new Command("env", "--ignore-signal=TERM", "sleep", "100")
        {
            Timeout = TimeSpan.FromSeconds(1),
            Stop = new StopPolicy { GracePeriod = TimeSpan.FromMilliseconds(200) },
        };
        var error = Assert.Throws<JobStoppedException>(() => command.Run());
        Assert.Equal(StopReason.Timeout, error.Reason);
        Assert.True(error.Result.Killed);
        Assert.Equal(Signals.SIGKILL, error.Result.Status.Signal);
    }

    [Fact]
    public void A_token_cancelled_from_another_thread_wakes_the_wait_and_stops_the_group()
    {
        using var cancellation = new CancellationTokenSource();
        JobStoppedException error = RunUntilCancelledOnceReady(cancellation, ready =>
            new Command("sh", "-c", "trap '' TERM; touch \"$0\"; while :; do sleep 1; done", ready)
            {
                NewProcessGroup = true,
                Stop = new StopPolicy { GracePeriod = TimeSpan.FromMilliseconds(200) },
            });
        Assert.Equal(StopReason.Canceled, error.Reason);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(error.Result.Killed);
        Assert.Equal(Signals.SIGKILL, error.Result.Status.Signal);
    }

    [Fact]
    public void The_output_is_still_read_during_the_grace_period()
    {
        // On SIGTERM the job writes 200 kB, three pipes' worth, and exits: unread, it would block in
        // write until the SIGKILL at the end of the grace period.
        using var cancellation = new CancellationTokenSource();
        JobStoppedException error = RunUntilCancelledOnceReady(cancellation, ready =>
            new Command("sh", "-c", "trap 'head -c 200000 /dev/zero; exit 0' TERM; touch \"$0\"; while :; do sleep 0.1; done", ready)
            {
                Stop = new StopPolicy { GracePeriod = TimeSpan.FromMinutes(1), Scope = StopScope.Process },
            }, capture: true);
        Assert.False(error.Result.Killed);
        Assert.Equal(0, error.Result.Status.ExitCode);
        Assert.Equal(200_000, ((JobOutput)error.Result).StandardOutput.Length);
    }

    [SkippableFact]
    public void Stopping_a_cgroup_waits_for_a_daemon_that_ignores_SIGTERM_then_kills_it()
    {
        using TestCgroup testCgroup = TestCgroup.Create("commands-sync-stop");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        using var cancellation = new CancellationTokenSource();
        // The daemon leaves the session and the process group; only the cgroup still holds it.
        JobStoppedException error = RunUntilCancelledOnceReady(cancellation, ready =>
            new Command("sh", "-c", "setsid sh -c 'trap \"\" TERM; touch \"$0\"; exec sleep 1000' \"$0\" & exec sleep 1000", ready)
            {
                Cgroup = cgroup,
                Stop = new StopPolicy { GracePeriod = TimeSpan.FromMilliseconds(300) },
            });
        // Our own process died of SIGTERM at once: only the wait on cgroup.events saw the daemon.
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
        Assert.True(error.Result.Killed, "the grace period ended before the cgroup was empty, but no SIGKILL was sent");
        Assert.True(cgroup.WaitUntilEmpty(TimeSpan.FromSeconds(10)), "the daemon outlived cgroup.kill");
    }

    [Fact]
    public void Ten_MiB_are_captured_intact_next_to_stderr()
    {
        // seq 1 1500000 writes 10,888,897 bytes: past 10 MiB, every line checkable.
        var command = new Command("sh", "-c", "seq 1 1500000; seq 1 20000 >&2");
        JobOutput output = command.Capture();
        Assert.True(output.Succeeded, output.ToString());
        Assert.True(output.StandardOutput.Length > 10 << 20, $"{output.StandardOutput.Length} characters");
        Assert.Equal(Numbers(1_500_000), output.StandardOutput);
        Assert.Equal(Numbers(20_000), output.StandardError);
    }

    [Fact]
    public void Stdin_is_written_while_the_output_is_read()
    {
        // 4 MiB through cat: neither pipe alone could hold it, so writing and reading must interleave.
        string text = new('x', 4 << 20);
        var fromText = new Command("cat") { Input = StandardInput.FromText(text) };
        Assert.Equal(text, fromText.Capture().StandardOutput);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var fromStream = new Command("cat") { Input = StandardInput.FromStream(stream) };
        Assert.Equal(text, fromStream.Capture().StandardOutput);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(300)]
    public void A_grandchild_holding_the_pipe_does_not_hold_Capture_past_the_drain_time(int drainMilliseconds)
    {
        // The cgroup is only there to find the sleep afterwards: disposing it kills what is left.
        using TestCgroup testCgroup = TestCgroup.Create("commands-sync-drain");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        var command = new Command("sh", "-c", "sleep 100 & echo hi") { Cgroup = cgroup, OutputDrainTimeout = TimeSpan.FromMilliseconds(drainMilliseconds) };
        JobOutput captured = command.Capture();
        Assert.True(captured.Succeeded);
        Assert.Equal("hi\n", captured.StandardOutput);
        Assert.True(cgroup.IsPopulated, "the sleep still holds the pipes: the reads ended on the drain time");
    }

    [Fact]
    public void With_an_infinite_drain_Capture_waits_for_the_grandchild_to_close_the_pipe()
    {
        var command = new Command("sh", "-c", "(sleep 0.5; echo late) & echo early") { OutputDrainTimeout = Timeout.InfiniteTimeSpan };
        Assert.Equal("early\nlate\n", command.Capture().StandardOutput);
    }

    public static TheoryData<string> Jobs => new()
    {
        "status and both streams",
        "stdin from text",
        "stdin from bytes into a pipeline",
        "pipefail",
        "2>&1",
        "discarded stderr",
        "not reading stdin",
        "ThrowOnFailure",
        "output limit",
        "missing program in stage 2",
        "missing stdin file",
        "timeout",
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task Sync_and_async_end_the_same_way(string name)
    {
        Job job = JobNamed(name);
        JobOutput? synchronousOutput = null, asynchronousOutput = null;
        Exception? synchronousError = Record.Exception(() => synchronousOutput = job.Capture());
        Exception? asynchronousError = await Record.ExceptionAsync(async () => asynchronousOutput = await job.CaptureAsync());
        Assert.Equal(asynchronousError?.GetType(), synchronousError?.GetType());
        Assert.Equal(asynchronousError?.Message, synchronousError?.Message);
        JobResult? synchronous = synchronousOutput ?? (synchronousError as JobStoppedException)?.Result;
        JobResult? asynchronous = asynchronousOutput ?? (asynchronousError as JobStoppedException)?.Result;
        if (synchronous is null || asynchronous is null)
            return;
        Assert.Equal(asynchronous.Stages, synchronous.Stages);
        Assert.Equal(asynchronous.Status, synchronous.Status);
        Assert.Equal(asynchronous.StopReason, synchronous.StopReason);
        Assert.Equal(asynchronous.Killed, synchronous.Killed);
        Assert.Equal(((JobOutput)asynchronous).StandardOutput, ((JobOutput)synchronous).StandardOutput);
        Assert.Equal(((JobOutput)asynchronous).StandardError, ((JobOutput)synchronous).StandardError);
        if (synchronousError is null)
        {
            // Run leaves the output to the job: to /dev/null here, not into the test host's own.
            Assert.Equal(asynchronous.Stages, (job with { Output = OutputRedirection.Discard, Error = OutputRedirection.Discard }).Run().Stages);
        }
    }

    [Fact]
    public void The_output_limit_stops_the_job_and_keeps_at_most_the_limit()
    {
        var command = new Command("yes") { MaxCapturedBytes = 100_000 };
        var error = Assert.Throws<JobStoppedException>(() => command.Capture());
        Assert.Equal(StopReason.OutputLimit, error.Reason);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        Assert.True(((JobOutput)error.Result).StandardOutput.Length <= 100_000);
    }

    [Fact]
    public async Task A_spawn_error_names_the_pipeline_stage_in_a_property()
    {
        // Stage 1 is running when stage 2 fails: the leak check after the test sees it reaped.
        var pipeline = new Command("sleep", "1000") | new Command("/nonexistent/stage") | new Command("cat");
        var error = Assert.Throws<SpawnException>(() => pipeline.Run());
        Assert.Equal(2, error.PipelineStage);
        Assert.Equal(SpawnStage.Exec, error.Stage);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal("/nonexistent/stage", error.Path);
        Assert.StartsWith("pipeline stage 2 of 3: exec \"/nonexistent/stage\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Assert.ThrowsAsync<SpawnException>(() => pipeline.CaptureAsync())).PipelineStage);

        var alone = Assert.Throws<SpawnException>(() => new Command("/nonexistent/alone").Run());
        Assert.Equal(0, alone.PipelineStage);
        Assert.Equal("exec", alone.Operation);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_starts_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var error = Assert.Throws<OperationCanceledException>(() => new Command("sleep", "100").Run(cancellation.Token));
        Assert.IsNotType<JobStoppedException>(error);
    }

    [Fact]
    public async Task The_synchronous_verbs_work_with_every_thread_pool_thread_blocked()
    {
        // The runner blocks every thread of its pool (and caps the pool) before it runs the verbs; its
        // own probe work item proves that the pool stayed starved throughout.
        var runner = new Command("dotnet", RunnerPath, "starved") { Timeout = TimeSpan.FromMinutes(2) };
        JobOutput output = await runner.CaptureAsync();
        Assert.True(output.Succeeded, $"{output}\n{output.StandardOutput}\n{output.StandardError}");
        string[] lines = output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "capture: 3 out err",
            "pipeline: PIPED",
            "timeout: Timeout killed by signal 15 (SIGTERM)",
            "cancel: Canceled killed by signal 15 (SIGTERM)",
            "probe ran: False",
        ], lines);
    }

    private static Job JobNamed(string name) => name switch
    {
        "status and both streams" => new Command("sh", "-c", "echo out; echo err >&2; exit 3"),
        "stdin from text" => new Command("sh", "-c", "cat; echo done >&2") { Input = StandardInput.FromText("héllo\nworld\n") },
        "stdin from bytes into a pipeline" => new Pipeline(new Command("cat"), new Command("tr", "a-z", "A-Z"), new Command("wc", "-c"))
        {
            Input = StandardInput.FromBytes(Encoding.ASCII.GetBytes(new string('a', 300_000))),
        },
        "pipefail" => new Pipeline(new Command("sh", "-c", "echo one; exit 3"), new Command("sh", "-c", "cat; exit 4"), new Command("cat")),
        "2>&1" => new Command("sh", "-c", "echo out; echo err >&2") { Error = OutputRedirection.ToOutput },
        "discarded stderr" => new Command("sh", "-c", "echo out; echo err >&2") { Error = OutputRedirection.Discard },
        "not reading stdin" => new Command("true") { Input = StandardInput.FromBytes(new byte[1 << 20]) },
        "ThrowOnFailure" => new Command("sh", "-c", "echo why >&2; exit 2") { ThrowOnFailure = true },
        "output limit" => new Command("yes") { MaxCapturedBytes = 1000, Stop = StopPolicy.Kill },
        "missing program in stage 2" => new Command("true") | new Command("/nonexistent/stage"),
        "missing stdin file" => new Command("cat") { Input = StandardInput.FromFile("/nonexistent/input") },
        "timeout" => new Command("sleep", "100") { Timeout = TimeSpan.FromMilliseconds(50) },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Numbers(int last)
    {
        var text = new StringBuilder();
        for (int i = 1; i <= last; i++)
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    // Runs the job (given the path of the file it makes once it is ready) and, from a thread of its own,
    // cancels the token once the file is there: then the job surely runs, and its signal handling is set.
    private static JobStoppedException RunUntilCancelledOnceReady(CancellationTokenSource cancellation, Func<string, Job> jobFor,
                                                                  bool capture = false)
    {
        using var directory = new TestDirectory();
        string ready = directory["ready"];
        Job job = jobFor(ready);
        var canceller = new Thread(() =>
        {
            var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (!File.Exists(ready) && DateTime.UtcNow < giveUp)
                Thread.Sleep(10);
            cancellation.Cancel();
        });
        canceller.Start();
        try
        {
            return Assert.Throws<JobStoppedException>(() => capture ? job.Capture(cancellation.Token) : job.Run(cancellation.Token));
        }
        finally
        {
            canceller.Join();
        }
    }
}
