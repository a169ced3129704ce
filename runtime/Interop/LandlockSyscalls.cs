using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// The parent's half of Landlock in the C core (<c>runtime/native/landlock.c</c>): the ABI probe,
/// the ruleset and its rules. Each returns a value or a negative errno (no <c>SetLastError</c>).
/// </summary>
internal static unsafe partial class LandlockSyscalls
{
    /// <summary><c>landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)</c>: the ABI, or -errno.</summary>
    [LibraryImport(NativeSpawn.Library, EntryPoint = "spawn_core_landlock_abi")]
    internal static partial int Abi();

    /// <summary><c>landlock_create_ruleset</c>: the descriptor (close-on-exec), or -errno.</summary>
    [LibraryImport(NativeSpawn.Library, EntryPoint = "spawn_core_landlock_create_ruleset")]
    internal static partial int CreateRuleset(ulong handledFileSystem, ulong handledNetwork, ulong scoped);

    /// <summary><c>open(O_PATH | O_CLOEXEC)</c>, <c>landlock_add_rule(LANDLOCK_RULE_PATH_BENEATH)</c>, <c>close</c>: 0 or -errno.</summary>
    [LibraryImport(NativeSpawn.Library, EntryPoint = "spawn_core_landlock_allow_path")]
    internal static partial int AllowPath(int rulesetFd, byte* path, ulong access);

    /// <summary><c>landlock_add_rule(LANDLOCK_RULE_NET_PORT)</c>: 0 or -errno.</summary>
    [LibraryImport(NativeSpawn.Library, EntryPoint = "spawn_core_landlock_allow_port")]
    internal static partial int AllowPort(int rulesetFd, ulong port, ulong access);
}
