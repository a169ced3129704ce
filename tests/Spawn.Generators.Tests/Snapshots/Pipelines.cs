using Microsoft.Win32.SafeHandles;
using Spawn;
using Spawn.Specs;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Pipelines
{
    // A program parameter, a splat, a condition and a number in the stages; the environment for all three.
    [SpawnSpec("tar", "-c", "{files...}", Program = "{tar}")]
    [Pipe("xz", "{?fast}-1", "-T{threads}")]
    [Pipe("/usr/bin/tee", "{archive}", SearchPath = false)]
    [SetEnvironment("XZ_OPT", "-v")]
    [StandardOutput(Redirect.Null)]
    public static partial ExitStatus Archive(string tar, string[] files, bool fast, int threads, string archive);

    [SpawnSpec("cat", "{file}")]
    [Pipe("sort")]
    [StandardInput(Redirect.Null)]
    [StandardOutput("{output}")]
    [StandardError("{errors}")]
    [Cgroup("/sys/fs/cgroup/jobs")]
    [Chdir("/tmp")]
    public static partial PipelineStatus Sort(string file, string output, SafeFileHandle errors);
}
