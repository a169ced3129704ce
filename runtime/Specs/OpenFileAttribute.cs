namespace Spawn.Specs;

/// <summary>
/// File action <c>posix_spawn_file_actions_addopen</c>: the child opens a file and moves it to a
/// descriptor. File actions run in the order the attributes are written, after stdio redirections.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): those of <c>open(2)</c> (ENOENT, EACCES, EISDIR, ...).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OpenFileAttribute : Attribute
{
    /// <summary>Opens <paramref name="path"/> with <paramref name="flags"/> as descriptor <paramref name="fd"/>.</summary>
    /// <param name="fd">The child's descriptor (0 or more).</param>
    /// <param name="path">A constant path or a <c>{parameter}</c> template.</param>
    /// <param name="flags"><c>O_*</c> flags of <c>open(2)</c>.</param>
    public OpenFileAttribute(int fd, string path, int flags)
    {
        Fd = fd;
        Path = path;
        Flags = flags;
    }

    /// <summary>The child's descriptor.</summary>
    public int Fd { get; }

    /// <summary>The path template.</summary>
    public string Path { get; }

    /// <summary>The <c>O_*</c> flags.</summary>
    public int Flags { get; }

    /// <summary>The permission bits for <c>O_CREAT</c> (before the umask); none unless set.</summary>
    public UnixFileMode Mode { get; set; }
}
