using Spawn.Specs;

namespace Spawn.Generators.Tests.Running;

/// <summary>The stoppable [SpawnSpec] methods this project's build generates; the runtime tests stop real ones.</summary>
internal static partial class StopSpecs
{
    // Ends long before its timeout: the wait is a poll on the pidfd with a deadline.
    [SpawnSpec("/bin/true", SearchPath = false)]
    [Timeout(60000)]
    public static partial ExitStatus TrueWithTimeout();

    // Spawned on the runtime's parent-death spawning thread, then waited for on this one.
    [SpawnSpec("/bin/true", SearchPath = false)]
    [KillOnParentExit]
    public static partial ExitStatus TrueKilledWithParent();
}
