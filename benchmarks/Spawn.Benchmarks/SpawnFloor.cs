using System.Runtime.InteropServices;

namespace Spawn.Benchmarks;

/// <summary>The C floor (native/spawn_floor.c): clone + execve + waitid and nothing else.</summary>
internal static unsafe partial class SpawnFloor
{
    [LibraryImport("spawn_floor", EntryPoint = "spawn_floor_run")]
    internal static partial int Run(byte* path, byte** argv, byte** envp);

    /// <summary>The floor with a freshly mapped stack (and guard page) per spawn, as the runtime's core does.</summary>
    [LibraryImport("spawn_floor", EntryPoint = "spawn_floor_run_fresh_stack")]
    internal static partial int RunWithFreshStack(byte* path, byte** argv, byte** envp);
}
