using Spawn.Sandboxing;
using Spawn.Specs;
namespace Spawn.Benchmarks.Scenarios;

/// <summary>A <c>[SpawnSpec]</c> method whose child runs in <see cref="Current"/>, which the sandbox scenario compiles once.</summary>
internal static partial class SandboxedSpecs
{
    public static Sandbox? Current { get; set; }

    [SpawnSpec(NativePrograms.BinTrue, SearchPath = false)]
    [Sandbox(typeof(SandboxedSpecs), nameof(Current))]
    public static partial ExitStatus Run();
}
