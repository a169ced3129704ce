using Spawn.Interop;

namespace Spawn;

/// <summary>
/// The seed's <c>posix_spawn_file_actions_t</c>: descriptor operations the child performs, in the
/// order added, after the attributes and before exec. Each <c>Add</c> checks its descriptors as
/// glibc does (negative, or not below the <c>RLIMIT_NOFILE</c> soft limit: EBADF) and its paths for
/// NUL characters (<see cref="ArgumentException"/>); failures in the child come back as a
/// <see cref="SpawnException"/> with <see cref="SpawnStage.FileAction"/> and the action's index.
/// </summary>
public sealed class SpawnFileActions
{
    private readonly List<Entry> _entries = [];

    internal readonly record struct Entry(SpawnFileActionKind Kind, int Fd, int SourceFd, int OpenFlags, uint Mode, string? Path);

    /// <summary>The number of actions added.</summary>
    public int Count => _entries.Count;

    internal Entry this[int index] => _entries[index];

    /// <summary>
    /// <c>posix_spawn_file_actions_addopen</c>: in the child, close <paramref name="fd"/>, open
    /// <paramref name="path"/> and move the new descriptor to <paramref name="fd"/>.
    /// </summary>
    /// <param name="fd">The descriptor the file ends up as.</param>
    /// <param name="path">The file; relative paths follow earlier chdir actions.</param>
    /// <param name="flags"><see cref="OpenFlags"/> values.</param>
    /// <param name="mode">Permission bits for a created file (e.g. 0o644 as <c>0x1a4</c>).</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// open's errors (ENOENT, EACCES, ...).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    public SpawnFileActions AddOpen(int fd, string path, int flags, int mode)
    {
        CheckPath(path);
        return Add(new Entry(SpawnFileActionKind.Open, CheckFd(fd, SpawnFileActionKind.Open), 0, flags, (uint)mode, path));
    }

    /// <summary><c>posix_spawn_file_actions_addclose</c>: close <paramref name="fd"/> in the child (not open is not an error).</summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range.</exception>
    public SpawnFileActions AddClose(int fd) =>
        Add(new Entry(SpawnFileActionKind.Close, CheckFd(fd, SpawnFileActionKind.Close), 0, 0, 0, null));

    /// <summary>
    /// <c>posix_spawn_file_actions_adddup2</c>: <c>dup2(fd, newFd)</c> in the child. When both are the
    /// same, clears <c>FD_CLOEXEC</c> so the descriptor survives exec (POSIX 2024, glibc 2.29+).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: a descriptor is out of range. In the child: EBADF
    /// when <paramref name="fd"/> is not open.</exception>
    public SpawnFileActions AddDup2(int fd, int newFd)
    {
        CheckFd(fd, SpawnFileActionKind.Dup2);
        return Add(new Entry(SpawnFileActionKind.Dup2, CheckFd(newFd, SpawnFileActionKind.Dup2), fd, 0, 0, null));
    }

    /// <summary><c>posix_spawn_file_actions_addchdir_np</c>: <c>chdir(path)</c> in the child.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    /// <exception cref="SpawnException">In the child: ENOENT, ENOTDIR, EACCES, ...</exception>
    public SpawnFileActions AddChdir(string path)
    {
        CheckPath(path);
        return Add(new Entry(SpawnFileActionKind.Chdir, 0, 0, 0, 0, path));
    }

    /// <summary><c>posix_spawn_file_actions_addfchdir_np</c>: <c>fchdir(fd)</c> in the child.</summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// EBADF, ENOTDIR.</exception>
    public SpawnFileActions AddFchdir(int fd) =>
        Add(new Entry(SpawnFileActionKind.Fchdir, CheckFd(fd, SpawnFileActionKind.Fchdir), 0, 0, 0, null));

    /// <summary>
    /// <c>posix_spawn_file_actions_addclosefrom_np</c>: close every descriptor from
    /// <paramref name="lowFd"/> up in the child (<c>close_range</c>, else a walk of <c>/proc/self/fd</c>).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="lowFd"/> is out of range.</exception>
    public SpawnFileActions AddCloseFrom(int lowFd) =>
        Add(new Entry(SpawnFileActionKind.CloseFrom, CheckFd(lowFd, SpawnFileActionKind.CloseFrom), 0, 0, 0, null));

    /// <summary>
    /// <c>posix_spawn_file_actions_addtcsetpgrp_np</c>: make the child's process group the foreground
    /// group of the terminal <paramref name="fd"/> (<c>tcsetpgrp(fd, getpgrp())</c>).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// ENOTTY, EPERM.</exception>
    public SpawnFileActions AddTcSetPgrp(int fd) =>
        Add(new Entry(SpawnFileActionKind.TcSetPgrp, CheckFd(fd, SpawnFileActionKind.TcSetPgrp), 0, 0, 0, null));

    /// <summary>The name glibc's function gives the action: "open", "dup2", ...</summary>
    internal static string KindName(SpawnFileActionKind? kind) => kind switch
    {
        SpawnFileActionKind.Open => "open",
        SpawnFileActionKind.Close => "close",
        SpawnFileActionKind.Dup2 => "dup2",
        SpawnFileActionKind.Chdir => "chdir",
        SpawnFileActionKind.Fchdir => "fchdir",
        SpawnFileActionKind.CloseFrom => "closefrom",
        SpawnFileActionKind.TcSetPgrp => "tcsetpgrp",
        _ => "unknown",
    };

    private SpawnFileActions Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>glibc's <c>__spawn_valid_fd</c>: 0 &lt;= fd &lt; the RLIMIT_NOFILE soft limit.</summary>
    private unsafe int CheckFd(int fd, SpawnFileActionKind kind)
    {
        Libc.RLimit limit;
        bool valid = fd >= 0 && (Libc.GetRLimit(Libc.RLIMIT_NOFILE, &limit) != 0 || (ulong)fd < limit.Current);
        if (!valid)
            throw new SpawnException($"file action {Count} ({KindName(kind)})", Errno.EBADF, null, SpawnStage.FileAction,
                                     Count, kind);
        return fd;
    }

    private static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
    }
}
