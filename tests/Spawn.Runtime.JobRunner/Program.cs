using Spawn.Commands;

// Usage: Spawn.Runtime.JobRunner command|pipeline
// Each process of the job writes "stage PID" to the stderr it shares with this runner, then sleeps.
// The job is started from a thread-pool thread, after an await, as async code does.
await Task.Yield();
var stage = new Command("sh", "-c", "echo stage $$ >&2; exec sleep 1000");
Job job = args[0] == "pipeline" ? new Pipeline(stage, stage, stage) { KillOnParentExit = true } : stage with { KillOnParentExit = true };
JobResult result = await job.RunAsync();
Console.WriteLine(result);
