using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

internal static partial class Environment
{
    [SpawnSpec("env")]
    [ClearEnvironment]
    [SetEnvironment("LANG", "C.UTF-8")]
    [SetEnvironment("HOME", "/home/{user}")]
    internal static partial ExitStatus Clean(string user);

    [SpawnSpec("env")]
    [RemoveEnvironment("LD_PRELOAD")]
    [SetEnvironment("TZ", "UTC")]
    internal static partial ExitStatus Inherited();
}
