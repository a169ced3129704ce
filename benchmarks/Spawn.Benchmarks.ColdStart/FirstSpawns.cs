using Spawn.Specs;

namespace Spawn.Benchmarks.ColdStart;

/// <summary>The <c>[SpawnSpec]</c> method whose first call the cold-start scenario times.</summary>
internal static partial class FirstSpawns
{
    [SpawnSpec("/bin/true", SearchPath = false)]
    public static partial Spawn.ExitStatus True();
}
