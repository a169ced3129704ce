using Microsoft.Win32.SafeHandles;
using Spawn.Specs;
using Spawn;

namespace Spawn.ForkSample;

/// <summary>
/// The sample's default path, declared: the generator turns each method into one call of the C
/// core, which carries the steps out in the order written, between clone and exec.
/// </summary>
internal static partial class NamespaceSpecs
{
    /// <summary>A sleeping child in a fresh network namespace, which lives as long as the child does.</summary>
    [SpawnSpec("sleep", "60")]
    [Unshare(Namespaces.CLONE_NEWNET)]
    public static partial PidFd HoldNewNetwork();

    /// <summary>
    /// Runs <paramref name="command"/> with <c>sh</c> inside the network namespace open as
    /// <paramref name="network"/>, as nobody with no supplementary groups and no way back to privileges.
    /// </summary>
    // The command is sh's positional argument, not part of its script: nothing is spliced into code.
    [SpawnSpec("/bin/sh", "-c", "eval \"$1\"", "sh", "{command}", SearchPath = false)]
    [SetNs("{network}", Namespaces.CLONE_NEWNET)]
    [SetGroups]
    [SetGid(65534)] // the group first: once the user is dropped, it may not change
    [SetUid(65534)]
    [NoNewPrivileges]
    public static partial PidFd RunAsNobody(SafeFileHandle network, string command);
}
