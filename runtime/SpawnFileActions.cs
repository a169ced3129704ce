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
/// <see cref="AddResourceLimit"/>, <see cref="AddUmask"/>, <see cref="AddControllingTerminal"/>) are recorded here too and carried out by
/// the C core, in order, as raw system calls. This is the recommended way to join namespaces or drop
/// privileges before exec: no managed code runs in the child (compare <see cref="Forking.Fork.ForkNp(ref Forking.ForkNpArgs)"/>).
/// The child shares the parent's memory until exec (<c>CLONE_VM</c>), which these calls allow: each
/// acts on the calling thread's credentials or namespaces only, and the child is a thread group of its own.
/// </remarks>
public sealed unsafe class SpawnFileActions
{
    private readonly List<Entry> _entries = [];

    // The native action without its pointer, and what the pointer will point to once encoded:
    // the path's text, or the native bytes of a step (setgroups' gid_t array, setrlimit's two limits).
    internal readonly record struct Entry(NativeFileAction Action, string? Path = null, byte[]? Data = null)
    {
        public SpawnFileActionKind Kind => Action.Kind;
    }

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
        return Add(new Entry(NativeFileAction.Open(CheckFd(fd, SpawnFileActionKind.Open), null, flags, (uint)mode), path));
    }

    /// <summary><c>posix_spawn_file_actions_addclose</c>: close <paramref name="fd"/> in the child (not open is not an error).</summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range.</exception>
    public SpawnFileActions AddClose(int fd) =>
        Add(new Entry(NativeFileAction.Close(CheckFd(fd, SpawnFileActionKind.Close))));

    /// <summary>
    /// <c>posix_spawn_file_actions_adddup2</c>: <c>dup2(fd, newFd)</c> in the child. When both are the
    /// same, clears <c>FD_CLOEXEC</c> so the descriptor survives exec (POSIX 2024, glibc 2.29+).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: a descriptor is out of range. In the child: EBADF
    /// when <paramref name="fd"/> is not open.</exception>
    public SpawnFileActions AddDup2(int fd, int newFd)
    {
        CheckFd(fd, SpawnFileActionKind.Dup2);
        return Add(new Entry(NativeFileAction.Dup2(fd, CheckFd(newFd, SpawnFileActionKind.Dup2))));
    }

    /// <summary><c>posix_spawn_file_actions_addchdir_np</c>: <c>chdir(path)</c> in the child.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    /// <exception cref="SpawnException">In the child: ENOENT, ENOTDIR, EACCES, ...</exception>
    public SpawnFileActions AddChdir(string path)
    {
        CheckPath(path);
        return Add(new Entry(NativeFileAction.Chdir(null), path));
    }

    /// <summary><c>posix_spawn_file_actions_addfchdir_np</c>: <c>fchdir(fd)</c> in the child.</summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// EBADF, ENOTDIR.</exception>
    public SpawnFileActions AddFchdir(int fd) =>
        Add(new Entry(NativeFileAction.Fchdir(CheckFd(fd, SpawnFileActionKind.Fchdir))));

    /// <summary>
    /// <c>posix_spawn_file_actions_addclosefrom_np</c>: close every descriptor from
    /// <paramref name="lowFd"/> up in the child (<c>close_range</c>, else a walk of <c>/proc/self/fd</c>).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="lowFd"/> is out of range.</exception>
    public SpawnFileActions AddCloseFrom(int lowFd) =>
        Add(new Entry(NativeFileAction.CloseFrom(CheckFd(lowFd, SpawnFileActionKind.CloseFrom))));

    /// <summary>
    /// <c>posix_spawn_file_actions_addtcsetpgrp_np</c>: make the child's process group the foreground
    /// group of the terminal <paramref name="fd"/> (<c>tcsetpgrp(fd, getpgrp())</c>).
    /// </summary>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// ENOTTY, EPERM.</exception>
    public SpawnFileActions AddTcSetPgrp(int fd) =>
        Add(new Entry(NativeFileAction.TcSetPgrp(CheckFd(fd, SpawnFileActionKind.TcSetPgrp))));

    /// <summary><c>setns(fd, nsType)</c> in the child: join the namespace that <paramref name="fd"/> refers
    /// to (a <c>/proc/&lt;pid&gt;/ns/*</c> file or a pidfd).</summary>
    /// <param name="fd">The namespace descriptor; it must stay open until the spawn returns.</param>
    /// <param name="nsType">A <c>CLONE_NEW*</c> value of <see cref="Namespaces"/>, or 0 for any type.</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// EINVAL (wrong type), EPERM (no CAP_SYS_ADMIN), EBADF.</exception>
    public SpawnFileActions AddSetNs(int fd, int nsType) =>
        Add(new Entry(NativeFileAction.SetNs(CheckFd(fd, SpawnFileActionKind.SetNs), nsType)));

    /// <summary><c>unshare(flags)</c> in the child: new namespaces (<see cref="Namespaces"/>) for it and
    /// what it runs.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL, EPERM, ENOSPC, EUSERS.</exception>
    public SpawnFileActions AddUnshare(int flags) =>
        Add(new Entry(NativeFileAction.Unshare(flags)));

    /// <summary><c>setgroups</c> in the child: replace the supplementary groups (empty: none).</summary>
    /// <exception cref="SpawnException">In the child: EPERM (not privileged), EINVAL (too many).</exception>
    public SpawnFileActions AddSetGroups(ReadOnlySpan<uint> groups) =>
        Add(new Entry(NativeFileAction.SetGroups(groups.Length, null), Data: MemoryMarshal.AsBytes(groups).ToArray()));

    /// <summary><c>setresgid(gid, gid, gid)</c> in the child: real, effective and saved group. Add it
    /// before <see cref="AddSetUid"/>, while the child may still change groups.</summary>
    /// <exception cref="SpawnException">In the child: EPERM.</exception>
    public SpawnFileActions AddSetGid(uint gid) =>
        Add(new Entry(NativeFileAction.SetGid(gid)));

    /// <summary><c>setresuid(uid, uid, uid)</c> in the child: real, effective and saved user. After an
    /// <see cref="AddCapabilities"/> step with ambient capabilities, it then raises them
    /// (<c>prctl(PR_CAP_AMBIENT_RAISE)</c>, which the change of user had cleared) and turns keepcaps off.</summary>
    /// <exception cref="SpawnException">In the child: EPERM, EAGAIN (RLIMIT_NPROC of the new user);
    /// EINVAL before Linux 4.3 when ambient capabilities were asked for.</exception>
    public SpawnFileActions AddSetUid(uint uid) =>
        Add(new Entry(NativeFileAction.SetUid(uid)));

    /// <summary><c>chroot(path)</c> in the child (add a chdir to "/" after it, as usual).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    /// <exception cref="SpawnException">In the child: ENOENT, ENOTDIR, EPERM, ...</exception>
    public SpawnFileActions AddChroot(string path)
    {
        CheckPath(path);
        return Add(new Entry(NativeFileAction.Chroot(null), path));
    }

    /// <summary><c>prctl(PR_SET_PDEATHSIG, signal)</c> in the child. The kernel sends the signal when the
    /// <em>thread</em> that spawned the child exits, not the process: spawn from a long-lived thread.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL (not a signal).</exception>
    public SpawnFileActions AddParentDeathSignal(int signal) =>
        Add(new Entry(NativeFileAction.ParentDeathSignal(signal)));

    /// <summary><c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c> in the child: exec can never grant privileges again
    /// (no set-user-ID, no file capabilities).</summary>
    public SpawnFileActions AddNoNewPrivileges() =>
        Add(new Entry(NativeFileAction.NoNewPrivileges()));

    /// <summary><c>setrlimit(resource, {soft, hard})</c> in the child (<c>prlimit64</c>), e.g.
    /// <c>RLIMIT_NOFILE</c> = 7, <c>RLIMIT_CORE</c> = 4; <see cref="ulong.MaxValue"/> is infinity.</summary>
    /// <exception cref="SpawnException">In the child: EINVAL (soft above hard, unknown resource), EPERM
    /// (raising the hard limit without CAP_SYS_RESOURCE).</exception>
    public SpawnFileActions AddResourceLimit(int resource, ulong soft, ulong hard)
    {
        var data = new byte[2 * sizeof(ulong)];
        BitConverter.TryWriteBytes(data.AsSpan(0, sizeof(ulong)), soft);
        BitConverter.TryWriteBytes(data.AsSpan(sizeof(ulong)), hard);
        return Add(new Entry(NativeFileAction.ResourceLimit(resource, null), Data: data));
    }

    /// <summary><c>umask(mask)</c> in the child (never fails): the permission bits in <paramref name="mask"/> are cleared from the modes of files the child creates.</summary>
    public SpawnFileActions AddUmask(UnixFileMode mask) =>
        Add(new Entry(NativeFileAction.Umask((uint)mask & 0x1ff)));

    /// <summary>
    /// Makes the terminal <paramref name="fd"/> (a pseudo-terminal's follower, for example
    /// <see cref="Terminals.Terminal.Follower"/>) the child's controlling terminal: <c>setsid</c>
    /// (already being a session leader, e.g. with <see cref="SpawnAttributes.NewSession"/>, is fine),
    /// <c>ioctl(fd, TIOCSCTTY, 0)</c>, then <c>dup2(fd, n)</c> for each standard descriptor asked for,
    /// so that, for example, stderr can stay a separate pipe. Leave <paramref name="fd"/> close-on-exec:
    /// the copies on 0, 1 and 2 are what the program keeps. The new session starts with the signals a
    /// terminal sends (SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU) at <c>SIG_DFL</c>, as login and
    /// sshd start one: a parent run as a shell's background job ignores SIGINT, and ^C would not stop the child.
    /// </summary>
    /// <param name="fd">The terminal; it must stay open until the spawn returns.</param>
    /// <param name="standardInput">Put the terminal on descriptor 0.</param>
    /// <param name="standardOutput">Put the terminal on descriptor 1.</param>
    /// <param name="standardError">Put the terminal on descriptor 2.</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="fd"/> is out of range. In the child:
    /// EPERM from setsid (the child leads a process group but not a session: do not combine with
    /// <see cref="SpawnAttributes.ProcessGroup"/>) or from TIOCSCTTY (the terminal is another
    /// session's controlling terminal), ENOTTY (not a terminal), EBADF (not open, for example closed by
    /// an earlier action).</exception>
    public SpawnFileActions AddControllingTerminal(int fd, bool standardInput = true, bool standardOutput = true,
                                                   bool standardError = true)
    {
        return Add(new Entry(NativeFileAction.ControllingTerminal(CheckFd(fd, SpawnFileActionKind.ControllingTerminal),
                                                                  TerminalDescriptors(standardInput, standardOutput, standardError))));
    }

    /// <summary>The terminal step's descriptor set as the C core reads it: bit n puts the terminal on descriptor n.</summary>
    internal static int TerminalDescriptors(bool standardInput, bool standardOutput, bool standardError) =>
        (standardInput ? 1 : 0) | (standardOutput ? 2 : 0) | (standardError ? 4 : 0);


    /// <summary>
    /// <c>landlock_restrict_self(rulesetFd, flags)</c> in the child: from here on the child (and
    /// what it execs) may only do what the Landlock ruleset allows. The descriptor must stay open in
    /// the parent until the spawn returns (a <see cref="Sandboxing.LandlockRuleset"/> owns it), and
    /// a <see cref="AddCloseFrom"/> before this step must not close it.
    /// </summary>
    /// <param name="rulesetFd">A ruleset descriptor from <c>landlock_create_ruleset</c>.</param>
    /// <param name="flags"><c>LANDLOCK_RESTRICT_SELF_*</c> (ABI 7: logging), usually 0.</param>
    /// <exception cref="SpawnException">EBADF: <paramref name="rulesetFd"/> is out of range. In the child:
    /// EPERM (neither no_new_privs, see <see cref="AddNoNewPrivileges"/>, nor CAP_SYS_ADMIN), EBADFD
    /// (not a ruleset), E2BIG (16 rulesets already stacked).</exception>
    public SpawnFileActions AddLandlockRestrict(int rulesetFd, int flags = 0) =>
        Add(new Entry(NativeFileAction.Landlock(CheckFd(rulesetFd, SpawnFileActionKind.Landlock), flags)));

    /// <summary>
    /// <c>seccomp(SECCOMP_SET_MODE_FILTER, flags, program)</c> in the child: every later system call,
    /// the core's own included (the signal mask it restores, execve), goes through the filter, so it
    /// is usually the last step. <see cref="Sandboxing.SeccompFilter"/> compiles one.
    /// </summary>
    /// <param name="instructions">Classic BPF, 8 bytes an instruction (<c>struct sock_filter</c>),
    /// copied here once.</param>
    /// <param name="flags"><c>SECCOMP_FILTER_FLAG_*</c>, usually 0.</param>
    /// <exception cref="ArgumentException">The length is 0, above 4096 instructions or not a multiple of 8.</exception>
    /// <exception cref="SpawnException">In the child: EACCES (neither no_new_privs nor CAP_SYS_ADMIN),
    /// EINVAL (a program the kernel's checker refuses), ENOMEM.</exception>
    public SpawnFileActions AddSeccompFilter(ReadOnlySpan<byte> instructions, int flags = 0)
    {
        if (instructions.Length == 0 || instructions.Length % 8 != 0 || instructions.Length > 4096 * 8)
            throw new ArgumentException("A seccomp program is 1 to 4096 instructions of 8 bytes.", nameof(instructions));
        return AddSeccompFilter(instructions.ToArray(), flags);
    }

    /// <summary>The same with bytes nobody changes (a compiled <see cref="Sandboxing.SeccompFilter"/>): no copy.</summary>
    internal SpawnFileActions AddSeccompFilter(byte[] instructions, int flags) =>
        Add(new Entry(NativeFileAction.Seccomp(instructions.Length / 8, (uint)flags, null), Data: instructions));

    /// <summary>
    /// The child's capabilities: every one not in <paramref name="bounding"/> is dropped from the
    /// bounding set (<c>prctl(PR_CAPBSET_DROP)</c>; what exec can ever grant, and for a root child
    /// exactly what it gets), the ambient set is cleared (<c>PR_CAP_AMBIENT_CLEAR_ALL</c>), and
    /// <c>capset</c> keeps of the permitted and effective sets only <paramref name="permitted"/>,
    /// with the inheritable set <paramref name="ambient"/> (of those permitted). Non-empty, it also turns
    /// on <c>PR_SET_KEEPCAPS</c>, and a later <see cref="AddSetUid"/> step to a non-root user raises
    /// them as ambient capabilities (<c>PR_CAP_AMBIENT_RAISE</c>), which exec of a non-root program
    /// keeps in its permitted and effective sets. Bit n is capability n (<see cref="Sandboxing.Capability"/>).
    /// </summary>
    /// <param name="bounding">The capabilities left in the bounding set.</param>
    /// <param name="permitted">The capabilities left in the permitted and effective sets.</param>
    /// <param name="ambient">The capabilities a later change to a non-root user keeps; 0 for none.</param>
    /// <exception cref="SpawnException">In the child: EPERM (dropping from the bounding set needs
    /// CAP_SETPCAP: put this step before a change to a non-root user). The set-uid step after it
    /// fails with EINVAL before Linux 4.3 (no ambient set) when <paramref name="ambient"/> is not empty.</exception>
    public SpawnFileActions AddCapabilities(ulong bounding, ulong permitted, ulong ambient = 0)
    {
        var data = new byte[3 * sizeof(ulong)];
        BitConverter.TryWriteBytes(data.AsSpan(0, sizeof(ulong)), bounding);
        BitConverter.TryWriteBytes(data.AsSpan(sizeof(ulong), sizeof(ulong)), permitted);
        BitConverter.TryWriteBytes(data.AsSpan(2 * sizeof(ulong)), ambient);
        return Add(new Entry(NativeFileAction.Capabilities(null), Data: data));
    }

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
        SpawnFileActionKind.ControllingTerminal => "controlling terminal",
        SpawnFileActionKind.Landlock => "landlock_restrict_self",
        SpawnFileActionKind.Seccomp => "seccomp SECCOMP_SET_MODE_FILTER",
        SpawnFileActionKind.Capabilities => "capabilities",
        _ => "unknown",
    };

    /// <summary>Appends every action of <paramref name="other"/> (the entries, and the bytes they point to, are shared, not copied).</summary>
    internal SpawnFileActions AddAll(SpawnFileActions other)
    {
        _entries.AddRange(other._entries);
        return this;
    }

    private SpawnFileActions Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>glibc's <c>__spawn_valid_fd</c>: 0 &lt;= fd &lt; the RLIMIT_NOFILE soft limit.</summary>
    private int CheckFd(int fd, SpawnFileActionKind kind)
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
