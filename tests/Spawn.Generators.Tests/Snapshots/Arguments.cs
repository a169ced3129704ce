using System;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public enum Level { Low, High = 5, Loud = 5 }

public static partial class Arguments
{
    [SpawnSpec("git", "-C", "{repo}", "log", "-n", "{count}", "--format=%H")]
    public static partial ExitStatus GitLog(string repo, int count);

    [SpawnSpec("tool", "--name={name}", "{raw}", "--level={level}", "-u{mask}", "{?verbose}--verbose", "--", "{rest...}")]
    public static partial int Mixed(ReadOnlySpan<char> name, ReadOnlySpan<byte> raw, Level level, uint mask, bool verbose, string[] rest);

    [SpawnSpec("/usr/bin/printf", "{{%s}}\n", "{items...}", SearchPath = false)]
    public static partial int Splat(params ReadOnlySpan<string> items);

    [SpawnSpec("busybox", "{applet}", Program = "/bin/{tool}", SearchPath = false)]
    public static partial PidFd Applet(string tool, string applet);

    [SpawnSpec("grep", "-e", "{pattern}")]
    public static partial int Grep(scoped ReadOnlySpan<char> pattern);
}
