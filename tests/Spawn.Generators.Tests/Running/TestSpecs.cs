using Spawn;

namespace Spawn.Generators.Tests.Running;

internal static partial class TestSpecs
{
    [SpawnSpec("/bin/sh", "-c", "exit $0", "{code}", SearchPath = false)]
    public static partial ExitStatus ExitWith(int code);

    [SpawnSpec("true")]
    public static partial int StartTrue();
}
