using Spawn.Cgroups;
using Spawn.Specs;
namespace Spawn.Benchmarks.Scenarios;

/// <summary>The <c>[SpawnSpec]</c> methods the benchmark measures; the generator writes their bodies.</summary>
internal static partial class GeneratedSpawns
{
    [SpawnSpec("{program}", SearchPath = false)]
    public static partial ExitStatus Run(string program);

    [SpawnSpec("{program}", SearchPath = false)]
    [Cgroup("{scope}")]
    public static partial ExitStatus RunInCgroup(string program, Cgroup scope);

    [SpawnSpec("{program}", SearchPath = false)]
    [KillOnParentExit]
    public static partial ExitStatus RunKilledWithParent(string program);
}
