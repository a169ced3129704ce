using Spawn.Sandboxing;
using Spawn.Specs;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>
/// [SpawnSpec] methods whose child runs in <see cref="Current"/>: each test compiles the sandbox it
/// needs, puts it here, and disposes it (the tests of one class run one after another).
/// </summary>
internal static partial class SandboxedSpecs
{
    /// <summary>The sandbox the specs below run in; null between tests.</summary>
    public static Sandbox? Current { get; set; }

    /// <summary>A shell script in the sandbox, its stdout and stderr captured.</summary>
    [SpawnSpec("/bin/sh", "-c", "eval \"$1\"", "sh", "{script}", SearchPath = false)]
    [Sandbox(typeof(SandboxedSpecs), nameof(Current))]
    public static partial CapturedOutput Shell(string script);

    /// <summary>The same with one variable added to the sandbox's environment.</summary>
    [SpawnSpec("/usr/bin/env", SearchPath = false)]
    [SetEnvironment("JOB", "{job}")]
    [Sandbox(typeof(SandboxedSpecs), nameof(Current))]
    public static partial CapturedOutput Environment(string job);

    /// <summary>A spawn and wait that allocate nothing.</summary>
    [SpawnSpec("/bin/true", SearchPath = false)]
    [Sandbox(typeof(SandboxedSpecs), nameof(Current))]
    public static partial ExitStatus True();

    /// <summary>The running child, for a failure before exec.</summary>
    [SpawnSpec("/bin/true", SearchPath = false)]
    [StandardInput(Redirect.Null)]
    [Sandbox(typeof(SandboxedSpecs), nameof(Current))]
    public static partial PidFd Start();
}
