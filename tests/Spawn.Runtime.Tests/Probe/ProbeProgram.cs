namespace Spawn.Runtime.Tests.Probe;

/// <summary>
/// spawn_probe, the C child of the tests (spawn_probe.c, built next to the test assembly): it runs
/// its commands in order and reports what it sees as "key value" lines on its stdout.
/// </summary>
internal static class ProbeProgram
{
    /// <summary>The probe's full path.</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "spawn_probe");

    /// <summary>An argv that runs <paramref name="commands"/>: the probe's path, then the commands.</summary>
    public static string[] Argv(params string[] commands) => [Path, .. commands];
}
