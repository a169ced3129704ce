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

    /// <summary>spawn_core_struct_layout: the offset of a field of a struct the C# side mirrors, its
    /// size in <paramref name="size"/>; with a null field, 0 and the struct's size; -1 for a name the
    /// C core does not list. For the layout test.</summary>
    [LibraryImport(Library, EntryPoint = "spawn_core_struct_layout", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int StructLayout(string type, string? field, out int size);

    [LibraryImport(Library, EntryPoint = "spawn_core_set_disabled_features")]
    internal static partial void SetDisabledFeatures(uint mask);
}
