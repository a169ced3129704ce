using System.IO;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public partial class Broken
{
    // SPAWN0004: no parameter named 'repo'; the body throws, the analyzer reports the rule.
    [SpawnSpec("git", "-C", "{repo}", "status")]
    public static partial ExitStatus Status(out int code, ref string text);

    // SPAWN0002 and SPAWN0007: neither static nor a supported return type.
    [SpawnSpec("true")]
    internal partial string Instance(in int value, scoped System.ReadOnlySpan<char> name, params System.ReadOnlySpan<string> rest);

    // SPAWN0020: the caller would get the pipe only after the wait.
    [SpawnSpec("cat")]
    [StandardOutput(Redirect.Pipe)]
    private static partial CapturedOutput Piped(out Stream stdout);
}
