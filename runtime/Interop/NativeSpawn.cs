using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// The entry points of the C core (<c>runtime/native/spawn_core.h</c>), which runs everything
/// between clone and exec. The structs they take are declared beside it (<see cref="NativeSpawnRequest"/>).
/// </summary>
internal static unsafe partial class NativeSpawn
{
    internal const string Library = "spawn_core";

    /// <summary>spawn_core_spawn: clone3 + child setup + exec; returns 0 or the errno.</summary>
    [LibraryImport(Library, EntryPoint = "spawn_core_spawn")]
    internal static partial int Spawn(NativeSpawnRequest* request, NativeSpawnResult* result);

    [LibraryImport(Library, EntryPoint = "spawn_core_pidfd_supported")]
    internal static partial int PidFdSupported();

    [LibraryImport(Library, EntryPoint = "spawn_core_clone3_supported")]
    internal static partial int Clone3Supported();

    [LibraryImport(Library, EntryPoint = "spawn_core_set_disabled_features")]
    internal static partial void SetDisabledFeatures(uint mask);
}
