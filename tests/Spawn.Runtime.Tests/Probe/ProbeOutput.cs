using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Probe;

/// <summary>A temporary file that receives a probe's stdout; removed on dispose.</summary>
internal sealed class ProbeOutput : IDisposable
{
    private readonly TestDirectory _directory = new();

    public string Path => _directory["stdout"];

    /// <summary>Appends the action that opens <see cref="Path"/> as the child's descriptor 1 (rw-------).</summary>
    public SpawnFileActions RedirectStdout(SpawnFileActions? actions) =>
        (actions ?? new SpawnFileActions()).AddOpen(1, Path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>What the probe wrote (empty if it never ran).</summary>
    public ProbeReport Read() => new(File.Exists(Path) ? File.ReadAllText(Path) : "");

    public void Dispose() => _directory.Dispose();
}
