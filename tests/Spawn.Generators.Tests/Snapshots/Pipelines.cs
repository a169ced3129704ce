using Microsoft.Win32.SafeHandles;
using Spawn;
using Spawn.Specs;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Pipelines
{
    [SpawnSpec("head", "-c", "{size}", "/dev/zero")]
    [Pipe("gzip", "-{level}")]
    [Pipe("wc", "-c")]
    public static partial ExitStatus CompressedSize(long size, int level);

    [SpawnSpec("cat", "{file}")]
    [Pipe("sort")]
    [StandardInput(Redirect.Null)]
    [StandardOutput("{output}")]
    [StandardError("{errors}")]
    [Cgroup("/sys/fs/cgroup/jobs")]
    [Chdir("/tmp")]
    public static partial PipelineStatus Sort(string file, string output, SafeFileHandle errors);
}
