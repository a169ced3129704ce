using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Probe;

/// <summary>What a finished probe said: how it ended and what it reported.</summary>
internal sealed record ProbeResult(ExitStatus Status, ProbeReport Report);

/// <summary>
/// Runs spawn_probe through <see cref="Spawner.PidFdSpawn"/> and waits for it through its pidfd. Its
/// stdout goes to a file, by one more open action appended to the caller's (so the caller's
/// action indices stay as written; the caller's <see cref="SpawnFileActions"/> serves one spawn).
/// </summary>
internal static class ProbeChild
{
    /// <summary>Spawns the probe with <paramref name="commands"/>, waits, and returns its status and report.</summary>
    public static ProbeResult Run(SpawnFileActions? actions, SpawnAttributes? attributes, params string[] commands)
    {
        using var output = new ProbeOutput();
        actions = output.RedirectStdout(actions);
        ExitStatus status;
        using (PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, actions, attributes, ProbeProgram.Argv(commands), null))
        {
            status = pidfd.WaitForExit();
        }

        return new ProbeResult(status, output.Read());
    }

    /// <summary>Like <see cref="Run"/>, and asserts the probe ran every command and exited with 0.</summary>
    public static ProbeReport RunToSuccess(SpawnFileActions? actions, SpawnAttributes? attributes, params string[] commands)
    {
        ProbeResult result = Run(actions, attributes, commands);
        Xunit.Assert.True(result.Status.Exited && result.Status.ExitCode == 0, $"the probe {result.Status}; it said:\n{result.Report.Text}");
        return result.Report;
    }
}

/// <summary>A temporary file that receives a probe's stdout; removed on dispose.</summary>
internal sealed class ProbeOutput : IDisposable
{
    private readonly TestDirectory _directory = new();

    public string Path => _directory["stdout"];

    /// <summary>Adds the action that opens <see cref="Path"/> as the child's descriptor 1, last.</summary>
    public SpawnFileActions RedirectStdout(SpawnFileActions? actions) =>
        (actions ?? new SpawnFileActions()).AddOpen(1, Path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0b110_000_000);

    public ProbeReport Read() => new(File.Exists(Path) ? File.ReadAllText(Path) : "");

    public void Dispose() => _directory.Dispose();
}
