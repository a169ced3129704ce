using System.Diagnostics;
using System.Globalization;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

public sealed class KillOnParentExitTests : LeakCheckedTest
{
    private static readonly string RunnerPath = Path.Combine(AppContext.BaseDirectory, "Spawn.Runtime.JobRunner.dll");

    [Fact]
    public async Task A_job_started_from_a_thread_that_then_ends_keeps_running()
    {
        // The raw parent-death signal would kill it here (see ChildStepTests): the spawning thread ends.
        var command = new Command("sleep", "1000") { KillOnParentExit = true };
        using var cancellation = new CancellationTokenSource();
        Task<JobResult>? running = null;
        DedicatedThread.Run(() => running = command.RunAsync(cancellation.Token));

        bool ended = await Task.WhenAny(running!, Task.Delay(TimeSpan.FromSeconds(1))) == running;
        await cancellation.CancelAsync();
        var stopped = await Assert.ThrowsAsync<JobStoppedException>(() => running!);

        Assert.False(ended, "the job died with the thread that started it");
        Assert.Equal(StopReason.Canceled, stopped.Reason);
        Assert.Equal(Signals.SIGTERM, stopped.Result.Status.Signal);
    }

    [Fact]
    public async Task A_job_started_from_a_thread_pool_thread_keeps_running()
    {
        using var cancellation = new CancellationTokenSource();
        Task<JobResult> running = Task.Run(() => new Command("sleep", "1000") { KillOnParentExit = true }.RunAsync(cancellation.Token));
        bool ended = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1))) == running;
        await cancellation.CancelAsync();
        await Assert.ThrowsAsync<JobStoppedException>(() => running);
        Assert.False(ended, "the job ended by itself");
    }

    [Theory]
    [InlineData("command", 1)]
    [InlineData("pipeline", 3)]
    public async Task The_job_dies_when_the_process_that_started_it_is_killed(string mode, int processes)
    {
        // Stop the runner alone, with SIGKILL: no handler of its own can clean up.
        var runner = new Command("dotnet", RunnerPath, mode) { Stop = new StopPolicy { Signal = Signals.SIGKILL, Scope = StopScope.Process } };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stages = new List<int>();
        var said = new List<string>();
        var stopped = await Assert.ThrowsAsync<JobStoppedException>(async () =>
        {
            await foreach (OutputLine line in runner.ReadLinesAsync(cancellation.Token))
            {
                said.Add(line.Text);
                if (line.Text.StartsWith("stage ", StringComparison.Ordinal))
                    stages.Add(int.Parse(line.Text["stage ".Length..], CultureInfo.InvariantCulture));
                if (stages.Count == processes)
                    await cancellation.CancelAsync();
            }
        });

        try
        {
            Assert.True(stages.Count == processes, "the runner said:\n" + string.Join('\n', said));
            Assert.Equal(Signals.SIGKILL, stopped.Result.Status.Signal);
            Assert.All(stages, pid => Assert.True(Orphans.WaitUntilGone(pid), $"process {pid} outlived the runner that started it"));
        }
        finally
        {
            foreach (int pid in stages)
                KillIfAlive(pid);
        }
    }

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.ProcessName == "sleep")
                process.Kill();
        }
        catch (ArgumentException)
        {
            // gone
        }
        catch (InvalidOperationException)
        {
            // gone
        }
    }
}
