using System.IO;
using Microsoft.Win32.SafeHandles;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class ChildSteps
{
    [SpawnSpec("/usr/sbin/nginx", SearchPath = false)]
    [SetNs("{network}", Namespaces.CLONE_NEWNET)]
    [SetNs(3, Namespaces.CLONE_NEWUTS)]
    [Unshare(Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWIPC)]
    [Chroot("/srv/{site}")]
    [Chdir("/")]
    [ResourceLimit(7, 1024, 4096)]
    [ResourceLimit(4, 0, ulong.MaxValue)]
    [SetGroups(33, 65534)]
    [SetGid("{gid}")]
    [SetUid(33)]
    [ParentDeathSignal(Signals.SIGTERM)]
    [NoNewPrivileges]
    [Umask(UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    public static partial PidFd Serve(SafeFileHandle network, string site, uint gid);

    [SpawnSpec("/bin/true", SearchPath = false)]
    [SetGroups]
    [SetUid("{uid}")]
    public static partial ExitStatus WithoutGroups(uint uid);
}
