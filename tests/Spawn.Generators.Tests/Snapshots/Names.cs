using System;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public enum Keyword { @class, @default, Plain }

public static partial class @checked
{
    [SpawnSpec("tool", "--kind={class}", "{?static}--static", "{params...}")]
    public static partial int @event(Keyword @class, bool @static, string[] @params);

    [SpawnSpec("tool", "-n", "{count}", "{name}", "{label}", "--size={size}")]
    public static partial int Passed(in int count, scoped in ReadOnlySpan<char> name, string? label, ref readonly long size);
}
