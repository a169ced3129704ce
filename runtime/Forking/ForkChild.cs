using System.Runtime.CompilerServices;
using Spawn.Interop;

namespace Spawn.Forking;

/// <summary>
/// The async-signal-safe toolkit for the child of <see cref="Fork.ForkNp(ref ForkNpArgs)"/>: each
/// method is one system call made by the C core (<c>fork_child_*</c> in <c>fork_child_toolkit.c</c>,
/// the same steps of <c>child_ops.c</c> that a spawned child runs; exec: one per PATH entry), returns
/// 0 or the errno, and never allocates, takes a lock, throws or waits for the runtime. Everything here is compiled and bound before the first fork.
/// </summary>
/// <remarks>
/// Paths and names are NUL-terminated UTF-8 spans, for example <c>"/tmp\0"u8</c> (a <c>u8</c> literal
/// lives in the assembly's image, so using it allocates nothing); without a terminating NUL a method
/// returns EINVAL. Exec takes an <see cref="ExecArguments"/> built before the fork.
/// </remarks>
[AsyncSignalSafe]
public static unsafe class ForkChild
{
    private const int EINVAL = 22;

    /// <summary><c>execve(path, argv, envp)</c> with buffers prepared before the fork. Returns only
    /// on failure, with the errno (ENOENT, EACCES, ENOEXEC, E2BIG, ...).</summary>
    /// <param name="arguments">The program, its arguments and environment.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Exec(ExecArguments arguments) =>
        NativeFork.Execve(arguments.Program, arguments.Argv, arguments.Envp);

    /// <summary><c>execvpe</c>: like <see cref="Exec"/>, but a program name without '/' is searched in
    /// the PATH captured by <see cref="ExecArguments"/> (glibc's rules: EACCES is remembered, other
    /// errors than "not found here" stop the search; no shell fallback for ENOEXEC).</summary>
    /// <param name="arguments">The program name, its arguments and environment.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ExecP(ExecArguments arguments) =>
        NativeFork.Execvpe(arguments.Program, arguments.Argv, arguments.Envp, arguments.SearchPath);

    /// <summary><c>_exit(status)</c> (<c>exit_group</c>): ends the child at once, running nothing of
    /// the parent's (no finalizers, no atexit handlers, no flush of buffered output).</summary>
    /// <param name="status">The exit code (0-255).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Exit(int status)
    {
        for (;;)
            NativeFork.Exit(status);
    }

    /// <summary><c>dup2(fd, newFd)</c>. Errors: EBADF, EMFILE, EBUSY, EINTR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dup2(int fd, int newFd) => NativeFork.Dup2(fd, newFd);

    /// <summary><c>dup3(fd, newFd, flags)</c>; flags 0 or O_CLOEXEC. Errors: EBADF, EINVAL (same fds,
    /// bad flags), EMFILE, EBUSY.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dup3(int fd, int newFd, int flags) => NativeFork.Dup3(fd, newFd, flags);

    /// <summary><c>close(fd)</c>. Errors: EBADF, EINTR, EIO.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Close(int fd) => NativeFork.Close(fd);

    /// <summary><c>closefrom(lowFd)</c>: <c>close_range(lowFd, ~0U, 0)</c>, a loop up to RLIMIT_NOFILE
    /// before Linux 5.9. Errors: EBADF for a negative fd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CloseFrom(int lowFd) => NativeFork.CloseFrom(lowFd);

    /// <summary><c>chdir(path)</c>. Errors: ENOENT, ENOTDIR, EACCES, EINVAL (no NUL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Chdir(ReadOnlySpan<byte> path)
    {
        if (!IsTerminated(path))
            return EINVAL;
        fixed (byte* p = path)
            return NativeFork.Chdir(p);
    }

    /// <summary><c>fchdir(fd)</c>. Errors: EBADF, ENOTDIR, EACCES.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Fchdir(int fd) => NativeFork.Fchdir(fd);

    /// <summary><c>setsid()</c>. Errors: EPERM (already a process group leader).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetSid() => NativeFork.SetSid();

    /// <summary><c>setpgid(pid, pgid)</c>; 0 means this process. Errors: EPERM, EACCES, ESRCH, EINVAL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetPgid(int pid, int pgid) => NativeFork.SetPgid(pid, pgid);

    /// <summary>The terminal step of <see cref="SpawnFileActions.AddControllingTerminal"/>: <c>setsid</c>
    /// (already leading a session is fine), <c>ioctl(ttyFd, TIOCSCTTY, 0)</c>, then <c>dup2(ttyFd, n)</c>
    /// for each standard descriptor n asked for. Errors: EPERM (a process group leader, or the terminal
    /// is another session's), ENOTTY, EBADF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetControllingTerminal(int ttyFd, bool standardInput, bool standardOutput, bool standardError) =>
        NativeFork.ControllingTerminal(ttyFd, SpawnFileActions.TerminalDescriptors(standardInput, standardOutput, standardError));

    /// <summary><c>sigprocmask(SIG_SETMASK, mask)</c> (<c>rt_sigprocmask</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetSignalMask(SignalSet mask) => NativeFork.SetSignalMask(mask.Bits);

    /// <summary>Every signal with a handler goes back to <c>SIG_DFL</c> (<c>rt_sigaction</c>); ignored
    /// ones stay ignored, as across exec. Do this before unblocking signals in the child: the
    /// runtime's handlers expect threads that do not exist here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ResetSignals() => NativeFork.ResetSignals();

    /// <summary><c>prctl(PR_SET_PDEATHSIG, signal)</c>: the signal this child gets when the thread that
    /// forked it ends. Errors: EINVAL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PrctlSetPdeathSig(int signal) => NativeFork.PrctlSetPdeathSig(signal);

    /// <summary><c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c>: exec can no longer grant privileges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PrctlNoNewPrivs() => NativeFork.PrctlNoNewPrivs();

    /// <summary><c>prctl(PR_SET_NAME, name)</c>: the thread name (<c>comm</c>), cut at 15 bytes.
    /// Errors: EFAULT, EINVAL (no NUL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PrctlSetName(ReadOnlySpan<byte> name)
    {
        if (!IsTerminated(name))
            return EINVAL;
        fixed (byte* p = name)
            return NativeFork.PrctlSetName(p);
    }

    /// <summary><c>setrlimit(resource, {soft, hard})</c> (<c>prlimit64</c>). Errors: EINVAL, EPERM.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetRlimit(int resource, ulong soft, ulong hard) => NativeFork.SetRlimit(resource, soft, hard);

    /// <summary><c>umask(mask)</c>; cannot fail, returns 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Umask(uint mask) => NativeFork.Umask(mask);

    /// <summary>The raw <c>setresuid(uid, uid, uid)</c> system call: this process only (glibc's
    /// <c>setuid</c> would signal threads the child does not have and wait forever). Errors: EPERM, EINVAL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetUid(uint uid) => NativeFork.SetUid(uid);

    /// <summary>The raw <c>setresgid(gid, gid, gid)</c> system call, for the same reason as <see cref="SetUid"/>.
    /// Errors: EPERM, EINVAL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetGid(uint gid) => NativeFork.SetGid(gid);

    /// <summary>The raw <c>setgroups</c> system call; an empty span drops every supplementary group.
    /// Errors: EPERM, EINVAL (too many).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetGroups(ReadOnlySpan<uint> groups)
    {
        fixed (uint* p = groups)
            return NativeFork.SetGroups(groups.Length, p);
    }

    /// <summary><c>chroot(path)</c>. Errors: EPERM, ENOENT, ENOTDIR, EINVAL (no NUL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Chroot(ReadOnlySpan<byte> path)
    {
        if (!IsTerminated(path))
            return EINVAL;
        fixed (byte* p = path)
            return NativeFork.Chroot(p);
    }

    /// <summary><c>unshare(flags)</c> (<c>CLONE_NEWNS</c>, <c>CLONE_NEWNET</c>, ...). Errors: EPERM, EINVAL, ENOMEM.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Unshare(int flags) => NativeFork.Unshare(flags);

    /// <summary><c>setns(fd, nsType)</c>: join the namespace <paramref name="fd"/> refers to (a
    /// <c>/proc/PID/ns/*</c> file or a pidfd). Errors: EBADF, EINVAL, EPERM.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetNs(int fd, int nsType) => NativeFork.SetNs(fd, nsType);

    /// <summary><c>write(fd, bytes)</c>, retried on EINTR; a short write is not retried. Errors:
    /// EBADF, EPIPE (SIGPIPE unless ignored), EAGAIN, ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Write(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
            return NativeFork.Write(fd, p, bytes.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsTerminated(ReadOnlySpan<byte> text) => text.Length > 0 && text[^1] == 0;
}
