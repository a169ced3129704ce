using System.IO;
using Microsoft.Win32.SafeHandles;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class FileActions
{
    [SpawnSpec("gzip", "-c")]
    [StandardInput(Redirect.Pipe)]
    [StandardOutput(Redirect.Pipe)]
    [StandardError(Redirect.Null)]
    public static partial PidFd Compress(out Stream stdin, out SafeFileHandle stdout);

    [SpawnSpec("/bin/cat", SearchPath = false)]
    [StandardInput("{input}")]
    [StandardOutput("/tmp/spawn-{name}.log")]
    [OpenFile(3, "{config}", 0, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [Dup2("{socket}", 4)]
    [Dup2(5, 6)]
    [Chdir("/srv/{name}")]
    [Fchdir("{folder}")]
    [CloseFile(7)]
    [CloseFrom(10)]
    [TcSetPgrp(0)]
    public static partial ExitStatus Everything(SafeFileHandle input, string name, string config, System.Runtime.InteropServices.SafeHandle socket, int folder);
}
