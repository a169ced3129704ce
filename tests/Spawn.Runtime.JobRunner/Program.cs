using Spawn;
using Spawn.Commands;

// Usage: Spawn.Runtime.JobRunner command|pipeline|spec
//        Spawn.Runtime.JobRunner late-signal FIFO
//        Spawn.Runtime.JobRunner starved
//        Spawn.Runtime.JobRunner terminal-open default|raw
// Each process of the job writes "stage PID" to the stderr it shares with this runner, then sleeps.
// The job is started from a thread-pool thread, after an await, as async code does.
// spec: the generated [SpawnSpec] with [KillOnParentExit] of RunnerSpecs.cs starts the process.
// late-signal: the child's first step opens FIFO (which blocks until a writer comes) and only then
// asks for SIGKILL on its parent's death, so that the runner can be killed before the prctl.
// terminal-open default|raw: opens a pseudo-terminal with Terminal.Open, for a test that traces its
// ioctls with strace (which modes calls are made); prints the follower's path.
if (args[0] == "terminal-open")
{
    var options = new Spawn.Terminals.TerminalOptions { Raw = args[1] == "raw" };
    using var terminal = Spawn.Terminals.Terminal.Open(options);
    Console.WriteLine(terminal.FollowerPath);
    return;
}

if (args[0] == "late-signal")
{
    Console.Error.WriteLine($"runner {Environment.ProcessId}");
    var steps = new SpawnFileActions()
        .AddOpen(3, args[1], OpenFlags.O_RDONLY, 0)
        .AddParentDeathSignal(Signals.SIGKILL);
    using PidFd child = Spawner.PidFdSpawnP("sh", steps, null, ["sh", "-c", "echo stage $$ >&2; exec sleep 1000"], null);
    Console.WriteLine(child.WaitForExit());
    return;
}

// starved: every thread of the pool is blocked (and the pool may not grow), then the synchronous verbs
// run: a capture, a pipeline fed from a string, a timeout and a cancellation from another thread. Each
// result is printed; a verb that needed the pool (a timer, a continuation) would hang here instead.
if (args[0] == "starved")
{
    int threads = Environment.ProcessorCount;
    if (!ThreadPool.SetMinThreads(1, 1) || !ThreadPool.SetMaxThreads(threads, threads))
        throw new InvalidOperationException("the thread pool's limits could not be set");
    // Neither is disposed: the blocked threads still hold them when the runner returns.
    var release = new ManualResetEventSlim();
    var blocked = new CountdownEvent(threads);
    for (int i = 0; i < threads; i++)
    {
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            blocked.Signal();
            release.Wait();
        }, null);
    }
    blocked.Wait();
    bool probeRan = false;
    ThreadPool.UnsafeQueueUserWorkItem(_ => probeRan = true, null);

    JobOutput captured = new Command("sh", "-c", "echo out; echo err >&2; exit 3").Capture();
    Console.WriteLine($"capture: {captured.Status.ExitCode} {captured.StandardOutput.Trim()} {captured.StandardError.Trim()}");
    var upper = new Pipeline(new Command("cat"), new Command("tr", "a-z", "A-Z")) { Input = StandardInput.FromText("piped") };
    Console.WriteLine($"pipeline: {upper.Capture().StandardOutput.Trim()}");
    try
    {
        new Command("sleep", "100") { Timeout = TimeSpan.FromMilliseconds(100) }.Run();
    }
    catch (JobStoppedException stopped)
    {
        Console.WriteLine($"timeout: {stopped.Reason} {stopped.Result.Status}");
    }
    // The token is cancelled once the job is surely running (it made its file), from a thread of its own.
    string started = Path.Combine(Path.GetTempPath(), $"spawn-starved-{Environment.ProcessId}");
    using var cancellation = new CancellationTokenSource();
    var canceller = new Thread(() =>
    {
        while (!File.Exists(started))
            Thread.Sleep(10);
        cancellation.Cancel();
    });
    canceller.Start();
    try
    {
        new Command("sh", "-c", "touch \"$0\"; exec sleep 100", started).Run(cancellation.Token);
    }
    catch (JobStoppedException stopped)
    {
        Console.WriteLine($"cancel: {stopped.Reason} {stopped.Result.Status}");
    }
    finally
    {
        File.Delete(started);
    }
    canceller.Join();
    Console.WriteLine($"probe ran: {Volatile.Read(ref probeRan)}");
    release.Set();
    return;
}

await Task.Yield();
if (args[0] == "spec")
{
    Console.WriteLine(await RunnerSpecs.SleepAsync());
    return;
}

var stage = new Command("sh", "-c", "echo stage $$ >&2; exec sleep 1000");
Job job = args[0] == "pipeline" ? new Pipeline(stage, stage, stage) { KillOnParentExit = true } : stage with { KillOnParentExit = true };
JobResult result = await job.RunAsync();
Console.WriteLine(result);
