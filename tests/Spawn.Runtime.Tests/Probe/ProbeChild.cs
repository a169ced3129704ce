namespace Spawn.Runtime.Tests.Probe;

/// <summary>
/// Runs spawn_probe through <see cref="Spawner.PidFdSpawn"/> and waits for it through its pidfd. Its
/// stdout goes to a file, by one more open action appended to the caller's (so the caller's
/// action indices stay as written; the caller's <see cref="SpawnFileActions"/> serves one spawn).
/// </summary>
internal static class ProbeChild
{
    /// <summary>Spawns the probe with <paramref name="commands"/>, waits, asserts it ran them all and exited with 0, and returns what it reported.</summary>
    public static ProbeReport RunToSuccess(SpawnFileActions? actions, SpawnAttributes? attributes, params string[] commands)
    {
        using var output = new ProbeOutput();
        ExitStatus status;
        using (PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, output.RedirectStdout(actions), attributes, ProbeProgram.Argv(commands), null))
        {
            status = pidfd.WaitForExit();
        }

        ProbeReport report = output.Read();
        Assert.True(status.Exited && status.ExitCode == 0, $"the probe {status}; it said:\n{report.Text}");
        return report;
    }
}
