using System.IO;
using Spawn; using Spawn.Sandboxing; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static class Profiles
{
    public static readonly Sandbox Jobs = new SandboxProfile().Compile();

    public static Sandbox? Nullable { get; set; }
}

public static partial class Jailed
{
    private static readonly Sandbox s_own = new SandboxProfile().Compile();

    // No file actions of its own: only the sandbox's steps, and its environment.
    [SpawnSpec("/bin/true")]
    [Sandbox(typeof(Profiles), nameof(Profiles.Jobs))]
    public static partial ExitStatus Plain();

    // Redirections first, then the sandbox's steps; the spec's variables change the sandbox's environment.
    [SpawnSpec("/bin/sh", "-c", "{script}")]
    [StandardInput(Redirect.Null)]
    [SetEnvironment("JOB", "{job}")]
    [RemoveEnvironment("PATH")]
    [Sandbox(typeof(Profiles), nameof(Profiles.Nullable))]
    public static partial CapturedOutput Script(string script, string job);

    // [ClearEnvironment]: only the spec's variables; a private member of the spec's own type.
    [SpawnSpec("/usr/bin/env")]
    [ClearEnvironment]
    [SetEnvironment("LANG", "C")]
    [Sandbox(typeof(Jailed), nameof(s_own))]
    public static partial PidFd Cleared();
}
