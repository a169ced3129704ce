using Spawn;
using Spawn.Commands;

// Usage: Spawn.Runtime.JobRunner command|pipeline|spec
//        Spawn.Runtime.JobRunner late-signal FIFO
// Each process of the job writes "stage PID" to the stderr it shares with this runner, then sleeps.
// The job is started from a thread-pool thread, after an await, as async code does.
// spec: the generated [SpawnSpec] with [KillOnParentExit] of RunnerSpecs.cs starts the process.
// late-signal: the child's first step opens FIFO (which blocks until a writer comes) and only then
// asks for SIGKILL on its parent's death, so that the runner can be killed before the prctl.
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
