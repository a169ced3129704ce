namespace Spawn.Specs;

/// <summary>
/// File action <c>posix_spawn_file_actions_adddup2</c>: <c>dup2(source, fd)</c> in the child
/// (the same descriptor twice clears <c>FD_CLOEXEC</c>). Repeatable, in order.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EBADF when the source is not open.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class Dup2Attribute : Attribute
{
    /// <summary>Duplicates the constant descriptor <paramref name="sourceFd"/> onto <paramref name="fd"/>.</summary>
    /// <param name="sourceFd">A descriptor open in this process (0 or more).</param>
    /// <param name="fd">The child's descriptor (0 or more).</param>
    public Dup2Attribute(int sourceFd, int fd)
    {
        SourceFd = sourceFd;
        Fd = fd;
    }

    /// <summary>Duplicates a descriptor parameter onto <paramref name="fd"/>.</summary>
    /// <param name="source"><c>{parameter}</c> of type <see cref="System.Runtime.InteropServices.SafeHandle"/> (kept alive across the spawn) or <see cref="int"/>.</param>
    /// <param name="fd">The child's descriptor (0 or more).</param>
    public Dup2Attribute(string source, int fd)
    {
        Source = source;
        Fd = fd;
        SourceFd = -1;
    }

    /// <summary>The constant source descriptor, or -1 when <see cref="Source"/> names a parameter.</summary>
    public int SourceFd { get; }

    /// <summary>The source <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>The child's descriptor.</summary>
    public int Fd { get; }
}
