using System.Runtime.InteropServices;
using Spawn.Interop;

namespace Spawn;

/// <summary>
/// The glibc patch set's <c>posix_spawn_file_actions_t</c>: descriptor operations the child performs, in the
/// order added, after the attributes and before exec. Each <c>Add</c> checks its descriptors as
/// glibc does (negative, or not below the <c>RLIMIT_NOFILE</c> soft limit: EBADF) and its paths for
/// NUL characters (<see cref="ArgumentException"/>); failures in the child come back as a
/// <see cref="SpawnException"/> with <see cref="SpawnStage.FileAction"/> and the action's index.
/// </summary>
/// <remarks>
/// Beyond glibc, the steps of the fork child toolkit (<see cref="AddSetNs"/>, <see cref="AddUnshare"/>,
/// <see cref="AddSetGroups"/>, <see cref="AddSetGid"/>, <see cref="AddSetUid"/>, <see cref="AddChroot"/>,
/// <see cref="AddParentDeathSignal"/>, <see cref="AddNoNewPrivileges"/>,
/// <see cref="AddResourceLimit"/>, <see cref="AddUmask"/>) are recorded here too and carried out by
/// the C core, in order, as raw system calls. This is the recommended way to join namespaces or drop
/// privileges before exec: no managed code runs in the child (compare <see cref="Forking.Fork.ForkNp(ref Forking.ForkNpArgs)"/>).
/// The child shares the parent's memory until exec (<c>CLONE_VM</c>), which these calls allow: each
/// acts on the calling thread's credentials or namespaces only, and the child is a thread group of its own.
/// </remarks>
public sealed class SpawnFileActions
{
    private readonly List<Entry> _entries = [];

    // Data: the native bytes a step points to (setgroups' gid_t array, setrlimit's two limits).
    internal readonly record struct Entry(SpawnFileActionKind Kind, int Fd, int SourceFd, int OpenFlags, uint Mode, string? Path,
                                          byte[]? Data = null);

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
    /// <param name="mode">Permission bits for a created file, before the child's umask (0 when the
    /// flags create nothing).</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// open's errors (ENOENT, EACCES, ...).</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    public SpawnFileActions AddOpen(int fd, string path, int flags, UnixFileMode mode)
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

    /// <summary><c>setns(fd, nsType)</c> in the child: join the namespace that <paramref name="fd"/> refers
    /// to (a <c>/proc/&lt;pid&gt;/ns/*</c> file or a pidfd).</summary>
    /// <param name="fd">The namespace descriptor; it must stay open until the spawn returns.</param>
    /// <param name="nsType">A <c>CLONE_NEW*</c> value of <see cref="Namespaces"/>, or 0 for any type.</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// EINVAL (wrong type), EPERM (no CAP_SYS_ADMIN), EBADF.</exception>
    public SpawnFileActions AddSetNs(int fd, int nsType) =>
        Add(new Entry(SpawnFileActionKind.SetNs, CheckFd(fd, SpawnFileActionKind.SetNs), 0, nsType, 0, null));

    /// <summary><c>unshare(flags)</c> in the child: new namespaces (<see cref="Namespaces"/>) for it and
    /// what it runs.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL, EPERM, ENOSPC, EUSERS.</exception>
    public SpawnFileActions AddUnshare(int flags) =>
        Add(new Entry(SpawnFileActionKind.Unshare, 0, 0, flags, 0, null));

    /// <summary><c>setgroups</c> in the child: replace the supplementary groups (empty: none).</summary>
    /// <exception cref="SpawnException">In the child: EPERM (not privileged), EINVAL (too many).</exception>
    public SpawnFileActions AddSetGroups(ReadOnlySpan<uint> groups) =>
        Add(new Entry(SpawnFileActionKind.SetGroups, 0, 0, groups.Length, 0, null,
                      MemoryMarshal.AsBytes(groups).ToArray()));

    /// <summary><c>setresgid(gid, gid, gid)</c> in the child: real, effective and saved group. Add it
    /// before <see cref="AddSetUid"/>, while the child may still change groups.</summary>
    /// <exception cref="SpawnException">In the child: EPERM.</exception>
    public SpawnFileActions AddSetGid(uint gid) =>
        Add(new Entry(SpawnFileActionKind.SetGid, 0, 0, 0, gid, null));

    /// <summary><c>setresuid(uid, uid, uid)</c> in the child: real, effective and saved user.</summary>
    /// <exception cref="SpawnException">In the child: EPERM, EAGAIN (RLIMIT_NPROC of the new user).</exception>
    public SpawnFileActions AddSetUid(uint uid) =>
        Add(new Entry(SpawnFileActionKind.SetUid, 0, 0, 0, uid, null));

    /// <summary><c>chroot(path)</c> in the child (add a chdir to "/" after it, as usual).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    /// <exception cref="SpawnException">In the child: ENOENT, ENOTDIR, EPERM, ...</exception>
    public SpawnFileActions AddChroot(string path)
    {
        CheckPath(path);
        return Add(new Entry(SpawnFileActionKind.Chroot, 0, 0, 0, 0, path));
    }

    /// <summary><c>prctl(PR_SET_PDEATHSIG, signal)</c> in the child. The kernel sends the signal when the
    /// <em>thread</em> that spawned the child exits, not the process: spawn from a long-lived thread.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL (not a signal).</exception>
    public SpawnFileActions AddParentDeathSignal(int signal) =>
        Add(new Entry(SpawnFileActionKind.ParentDeathSignal, 0, 0, signal, 0, null));

    /// <summary><c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c> in the child: exec can never grant privileges again
    /// (no set-user-ID, no file capabilities).</summary>
    public SpawnFileActions AddNoNewPrivileges() =>
        Add(new Entry(SpawnFileActionKind.NoNewPrivileges, 0, 0, 0, 0, null));

    /// <summary><c>setrlimit(resource, {soft, hard})</c> in the child (<c>prlimit64</c>), e.g.
    /// <c>RLIMIT_NOFILE</c> = 7, <c>RLIMIT_CORE</c> = 4; <see cref="ulong.MaxValue"/> is infinity.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL (soft above hard, unknown resource), EPERM
    /// (raising the hard limit without CAP_SYS_RESOURCE).</exception>
    public SpawnFileActions AddResourceLimit(int resource, ulong soft, ulong hard)
    {
        var data = new byte[2 * sizeof(ulong)];
        BitConverter.TryWriteBytes(data.AsSpan(0, sizeof(ulong)), soft);
        BitConverter.TryWriteBytes(data.AsSpan(sizeof(ulong)), hard);
        return Add(new Entry(SpawnFileActionKind.ResourceLimit, 0, 0, resource, 0, null, data));
    }

    /// <summary><c>umask(mask)</c> in the child (never fails): the permission bits in <paramref name="mask"/> are cleared from the modes of files the child creates.</summary>
    public SpawnFileActions AddUmask(UnixFileMode mask) =>
        Add(new Entry(SpawnFileActionKind.Umask, 0, 0, 0, (uint)mask & 0x1ff, null));

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
        SpawnFileActionKind.SetNs => "setns",
        SpawnFileActionKind.Unshare => "unshare",
        SpawnFileActionKind.SetGroups => "setgroups",
        SpawnFileActionKind.SetGid => "setgid",
        SpawnFileActionKind.SetUid => "setuid",
        SpawnFileActionKind.Chroot => "chroot",
        SpawnFileActionKind.ParentDeathSignal => "prctl PR_SET_PDEATHSIG",
        SpawnFileActionKind.NoNewPrivileges => "prctl PR_SET_NO_NEW_PRIVS",
        SpawnFileActionKind.ResourceLimit => "setrlimit",
        SpawnFileActionKind.Umask => "umask",
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
