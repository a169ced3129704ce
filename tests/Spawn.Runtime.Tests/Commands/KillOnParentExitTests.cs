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
    [InlineData("spec", 1)]
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

    [Fact]
    public async Task A_parent_killed_before_the_childs_prctl_still_takes_the_child_with_it()
    {
        // The child blocks in its first step (opening a FIFO nobody writes yet), before it asks for
        // the parent-death signal; the runner is killed there. The kernel would never send the signal
        // (the parent died before the prctl), so the child must see its new parent and die by itself.
        using var folder = new TestDirectory();
        string fifo = folder["gate"];
        Assert.Equal(0, LibC.MkFifo(fifo, 0b110_000_000));
        var runner = new Command("dotnet", RunnerPath, "late-signal", fifo) { Stop = new StopPolicy { Signal = Signals.SIGKILL, Scope = StopScope.Process } };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int child = 0;
        var said = new List<string>();
        var stopped = await Assert.ThrowsAsync<JobStoppedException>(async () =>
        {
            await foreach (OutputLine line in runner.ReadLinesAsync(cancellation.Token))
            {
                said.Add(line.Text);
                if (!line.Text.StartsWith("runner ", StringComparison.Ordinal))
                    continue;
                int runnerPid = int.Parse(line.Text["runner ".Length..], CultureInfo.InvariantCulture);
                child = WaitForChildOf(runnerPid);
                await cancellation.CancelAsync();
            }
        });

        try
        {
            Assert.True(child > 0, "the runner's child never appeared; the runner said:\n" + string.Join('\n', said));
            Assert.Equal(Signals.SIGKILL, stopped.Result.Status.Signal);
            // Let the orphan go on: it opens the FIFO, sets the signal, finds its parent gone.
            using (File.OpenWrite(fifo))
            {
            }
            Assert.True(Orphans.WaitUntilGone(child), $"process {child} outlived the runner killed before its prctl");
        }
        finally
        {
            if (child > 0)
                KillIfAlive(child);
        }
    }

    // The runner's child, blocked in its first step; it has not exec'd yet, so it shares the
    // runner's memory and name.
    private static int WaitForChildOf(int parent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (string entry in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(entry), out int pid))
                    continue;
                try
                {
                    string stat = File.ReadAllText(Path.Combine(entry, "stat"));
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                        return pid;
                }
                catch (IOException)
                {
                    // gone meanwhile
                }
            }
            Thread.Sleep(20);
        }
        return 0;
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
