using System.Runtime.InteropServices;
using Spawn.Cgroups;
using Spawn.Specs;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// The soak's generated cycles: [SpawnSpec] methods whose bodies the Spawn generator writes (one
/// call into the C core with buffers on the stack), for each kind the soak also runs by hand. The
/// probe's path is known at run time only, so it is a parameter.
/// </summary>
internal static partial class SoakSpecs
{
    /// <summary>A path no test creates.</summary>
    public const string Missing = "/nonexistent-spawn-reliability/missing";

    /// <summary>The running child: the generated body wraps its pidfd with <see cref="PidFd.FromRaw"/>.</summary>
    [SpawnSpec("{probe}", "exit", "{code}", SearchPath = false)]
    public static partial PidFd Start(string probe, int code);

    /// <summary>Spawn and <c>waitid(P_PIDFD)</c> in one generated body.</summary>
    [SpawnSpec("{probe}", "exit", "{code}", SearchPath = false)]
    public static partial ExitStatus Run(string probe, int code);

    /// <summary>stdout and stderr piped and read to their end.</summary>
    [SpawnSpec("{probe}", "write", "1", "{text}", SearchPath = false)]
    public static partial CapturedOutput Capture(string probe, string text);

    /// <summary>Born in the cgroup whose folder descriptor is given.</summary>
    [SpawnSpec("{probe}", "exit", "0", SearchPath = false)]
    [Cgroup("{cgroup}")]
    public static partial ExitStatus RunInCgroup(string probe, SafeHandle cgroup);

    /// <summary>An exec that fails: ENOENT at the exec stage.</summary>
    [SpawnSpec(Missing, SearchPath = false)]
    public static partial ExitStatus RunMissing();

    /// <summary>A file action that fails: ENOENT at action 0.</summary>
    [SpawnSpec("{probe}", SearchPath = false)]
    [OpenFile(3, Missing, 0)]
    public static partial ExitStatus RunWithMissingFile(string probe);
}
