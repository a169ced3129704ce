using Spawn;
using Spawn.Specs;

/// <summary>The runner's generated spec: the same process as its command mode, with [KillOnParentExit].</summary>
internal static partial class RunnerSpecs
{
    [SpawnSpec("sh", "-c", "echo stage $$ >&2; exec sleep 1000")]
    [KillOnParentExit]
    public static partial ValueTask<ExitStatus> SleepAsync();
}
