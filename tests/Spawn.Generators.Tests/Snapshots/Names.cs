using System;
using Spawn;

namespace Demo;

public enum Keyword { @class, @default, Plain }

public static partial class @checked
{
    [SpawnSpec("tool", "--kind={class}", "{?static}--static", "{params...}")]
    public static partial int @event(Keyword @class, bool @static, string[] @params);

    [SpawnSpec("tool", "-n", "{count}", "{name}", "{label}", "--size={size}")]
    public static partial int Passed(in int count, scoped in ReadOnlySpan<char> name, string? label, ref readonly long size);
}
