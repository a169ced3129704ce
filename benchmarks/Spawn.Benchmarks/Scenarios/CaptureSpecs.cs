using Spawn.Specs;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>The capturing <c>[SpawnSpec]</c> methods the capture scenario measures.</summary>
internal static partial class CaptureSpecs
{
    [SpawnSpec("head", "-c", "{bytes}", "/dev/zero")]
    [StandardInput(Redirect.Null)]
    public static partial CapturedOutput Head(int bytes);

    [SpawnSpec("head", "-c", "{bytes}", "/dev/zero")]
    [StandardInput(Redirect.Null)]
    public static partial ValueTask<CapturedOutput> HeadAsync(int bytes, CancellationToken cancellationToken);
}
