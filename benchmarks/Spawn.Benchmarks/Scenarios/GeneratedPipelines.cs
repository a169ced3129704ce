using Spawn.Specs;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>The <c>[Pipe]</c> pipeline the benchmark measures, and the same line through <c>sh -c</c>; the generator writes both bodies.</summary>
internal static partial class GeneratedPipelines
{
    [SpawnSpec("head", "-c", "64M", "/dev/zero")]
    [Pipe("gzip", "-1")]
    [Pipe("wc", "-c")]
    [StandardOutput(Redirect.Null)]
    public static partial ExitStatus CompressedSize();

    [SpawnSpec("sh", "-c", "head -c 64M /dev/zero | gzip -1 | wc -c > /dev/null")]
    public static partial ExitStatus CompressedSizeInShell();
}
