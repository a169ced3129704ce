using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn;

/// <summary>
/// A process file descriptor (pidfd): a handle to one process that can never point at a recycled
/// pid. Returned by <see cref="Spawner.PidFdSpawn"/> (the glibc patch set's <c>pidfd_spawn</c>) and
/// <see cref="Open(int)"/> (<c>pidfd_open</c>); always <c>O_CLOEXEC</c>.
/// </summary>
/// <remarks>
/// The handle remembers whether it reaped its child. Disposing the handle of a child that was
/// never waited for hands the pidfd to the runtime's reaper, so the child does not stay a zombie.
/// Pidfd calls fail with ENOSYS on kernels without complete pidfd support (see <see cref="IsSupported"/>).
/// </remarks>
public sealed partial class PidFd : SafeHandle
{
    private readonly bool _ownsChild;
    private readonly bool _knownPidFd;
    private int _reaped;
    private ExitStatus _exitStatus;

    private PidFd(int fd, int pid, bool ownsChild, bool knownPidFd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
        Pid = pid;
        _ownsChild = ownsChild;
        _knownPidFd = knownPidFd;
    }

    /// <summary>
    /// Whether the kernel has complete pidfd support (Linux 5.4+): glibc's rule, <c>waitid(P_PIDFD)</c>
    /// answers EBADF for a descriptor that cannot be open. Probed once and cached. When false, every
    /// pidfd operation and <see cref="Spawner.PidFdSpawn"/> fail with ENOSYS.
    /// </summary>
    public static bool IsSupported => NativeSpawn.PidFdSupported() != 0;

    /// <summary>The pid known when the handle was made (the pid in the caller's namespace at spawn time).</summary>
    public int Pid { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>True once this handle reaped its child (a wait returned its exit status).</summary>
    internal bool IsReaped => Volatile.Read(ref _reaped) != 0;

    /// <summary>
    /// <c>pidfd_open(pid, 0)</c>: a pidfd for a running process. Racy for any process but your own
    /// unreaped child: between learning a pid and this call the process may exit and the pid be
    /// reused by another. Prefer the pidfd a spawn returns. If the process is a child of ours (for
    /// example from <see cref="Spawner.PosixSpawn"/>), waits reap it and disposing an unwaited
    /// handle hands it to the reaper, as for a spawned one; for a child of
    /// <see cref="System.Diagnostics.Process"/> use <see cref="Open(System.Diagnostics.Process)"/>.
    /// </summary>
    /// <param name="pid">The process id.</param>
    /// <exception cref="SpawnException">ESRCH (no such process), EINVAL (pid not valid), EMFILE,
    /// ENFILE, ENOSYS (kernel before 5.3, or no <c>waitid(P_PIDFD)</c>: see <see cref="IsSupported"/>).</exception>
    public static PidFd Open(int pid) => new(OpenDescriptor(pid), pid, ownsChild: true, knownPidFd: true);

    /// <summary>
    /// Takes ownership of a pidfd of a child the caller spawned, for example one that
    /// <see cref="LowLevel.SpawnCore.Spawn"/> returned in <c>NativeSpawnResult.PidFd</c>. Generated code uses this.
    /// </summary>
    /// <remarks>For the code the Spawn generator writes and low-level callers: not a stable API, it may change in any release.</remarks>
    /// <param name="fd">The pidfd; closed when the handle is disposed.</param>
    /// <param name="pid">The child's pid.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static PidFd FromRaw(int fd, int pid)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        return new PidFd(fd, pid, ownsChild: true, knownPidFd: false);
    }

    private static int OpenDescriptor(int pid)
    {
        // glibc's rule: without waitid(P_PIDFD) pidfd support is incomplete. A pidfd that could be
        // signalled but never waited for (nor reaped when disposed) would be a trap, so none is made.
        if (!IsSupported)
            throw new SpawnException("pidfd_open", Errno.ENOSYS);
        int fd = PidFdSyscalls.PidFdOpen(pid);
        return fd >= 0 ? fd : throw SpawnException.FromLastPInvokeError("pidfd_open");
    }

    /// <summary>Wraps a pidfd the C core returned for a spawn of ours.</summary>
    internal static PidFd FromSpawn(int fd, int pid) => new(fd, pid, ownsChild: true, knownPidFd: true);

    /// <summary>
    /// The glibc patch set's <c>pidfd_getpid</c>: the pid of the process in the caller's pid namespace, asked
    /// now (not the remembered <see cref="Pid"/>). Uses the <c>PIDFD_GET_INFO</c> ioctl where the
    /// kernel has it (6.13+) and parses <c>/proc/self/fdinfo/N</c> otherwise, without allocating.
    /// </summary>
    /// <exception cref="SpawnException">EBADF (not a pidfd, or closed), EREMOTE (the process is in a
    /// pid namespace the caller cannot see), ESRCH (the process exited and was reaped).</exception>
    public int GetPid()
    {
        if (!TryGetPid(out int pid, out Errno error))
            throw new SpawnException("pidfd_getpid", error);
        return pid;
    }

    /// <summary><see cref="GetPid"/> without an exception.</summary>
    /// <param name="pid">The pid, or 0.</param>
    /// <param name="error">EBADF, EREMOTE or ESRCH as <see cref="GetPid"/> describes; default on success.</param>
    /// <returns>True when <paramref name="pid"/> is valid.</returns>
    public bool TryGetPid(out int pid, out Errno error)
    {
        pid = 0;
        if (IsClosed || IsInvalid)
        {
            error = Errno.EBADF;
            return false;
        }
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle;
            if (_knownPidFd || IsOnPidFs(fd))
            {
                error = PidFdGetInfo.TryGetPid(fd, out pid);
                if (error.Value == 0)
                    return true;
                // ESRCH covers both "reaped" and "not in our namespace"; fdinfo tells them apart
                // (0 for the latter). Without the ioctl, fdinfo is the only source.
                if (error != Errno.ESRCH && error != Errno.ENOTTY)
                    return false;
            }
            error = ProcFdInfo.ReadPid(fd, out pid);
            if (error.Value == 0)
                return true;
            pid = 0;
            return false;
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary><c>pidfd_send_signal(pidfd, signal, NULL, 0)</c>: sends a signal; never reaches a recycled pid.</summary>
    /// <param name="signal">The signal number (<see cref="Signals"/>); 0 checks that the process exists.</param>
    /// <exception cref="SpawnException">ESRCH (the process has exited), EPERM, EINVAL (bad signal),
    /// EBADF, ENOSYS (kernel before 5.1).</exception>
    public void SendSignal(int signal)
    {
        if (!TrySendSignal(signal, out Errno error))
            throw new SpawnException("pidfd_send_signal", error);
    }

    /// <summary><see cref="SendSignal"/> without an exception.</summary>
    /// <param name="signal">The signal number.</param>
    /// <param name="error">The errno on failure; default on success.</param>
    /// <returns>True when the signal was sent.</returns>
    public bool TrySendSignal(int signal, out Errno error)
    {
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            error = PidFdSyscalls.PidFdSendSignal((int)handle, signal) == 0 ? default : Errno.FromLastPInvokeError();
            return error.Value == 0;
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>
    /// <c>waitid(P_PIDFD, pidfd, WEXITED)</c>: waits until the child exits, reaps it and returns how
    /// it ended; retried on EINTR. Once reaped, every later call returns the same status. A child
    /// that someone else reaped is reported through <c>PIDFD_INFO_EXIT</c> where the kernel keeps it
    /// (6.15+). A handle from <see cref="Open(System.Diagnostics.Process)"/> does not own its process
    /// and adds <c>WNOWAIT</c>: the status is read and the zombie is left to <c>Process</c>.
    /// </summary>
    /// <exception cref="SpawnException">ECHILD (not our child, or reaped elsewhere on an older
    /// kernel), EBADF, ENOSYS.</exception>
    public ExitStatus WaitForExit()
    {
        if (IsReaped)
            return _exitStatus;
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            Errno error = ChildWait.Wait((int)handle, blocking: true, out _, out ExitStatus status, reap: _ownsChild);
            if (error.Value != 0)
                return RecoverFromFailedWait((int)handle, error, "waitid");
            return MarkReaped(status);
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>
    /// <c>waitid(P_PIDFD, pidfd, WEXITED | WNOHANG)</c>: reaps the child if it has exited, without
    /// waiting (with <c>WNOWAIT</c> for a handle from <see cref="Open(System.Diagnostics.Process)"/>, as <see cref="WaitForExit"/>).
    /// </summary>
    /// <param name="status">How it ended, when the result is true.</param>
    /// <returns>True when the child has exited (now or before) and its status was collected.</returns>
    /// <exception cref="SpawnException">ECHILD, EBADF, ENOSYS as for <see cref="WaitForExit"/>.</exception>
    public bool TryWaitForExit(out ExitStatus status)
    {
        if (IsReaped)
        {
            status = _exitStatus;
            return true;
        }
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            Errno error = ChildWait.Wait((int)handle, blocking: false, out bool exited, out status, reap: _ownsChild);
            if (error.Value != 0)
            {
                status = RecoverFromFailedWait((int)handle, error, "waitid");
                return true;
            }
            if (!exited)
                return false;
            status = MarkReaped(status);
            return true;
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>
    /// Whether the process has exited, without reaping it: <c>poll</c> with a zero timeout (a pidfd
    /// turns readable when its process exits).
    /// </summary>
    /// <exception cref="SpawnException">EBADF, ENOMEM from poll.</exception>
    public bool HasExited
    {
        get
        {
            if (IsReaped)
                return true;
            bool added = false;
            DangerousAddRef(ref added);
            try
            {
                return ChildWait.IsReadable((int)handle);
            }
            finally
            {
                if (added)
                    DangerousRelease();
            }
        }
    }

    /// <summary><c>pidfd_getfd(pidfd, targetFd, 0)</c>: a duplicate (O_CLOEXEC) of one of the process's descriptors.</summary>
    /// <param name="targetFd">The descriptor number in the target process.</param>
    /// <exception cref="SpawnException">EBADF (no such descriptor in the target), EPERM (ptrace
    /// access denied), ESRCH (the process exited), EMFILE, ENOSYS (kernel before 5.6).</exception>
    public SafeFileHandle GetFd(int targetFd)
    {
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            int fd = PidFdSyscalls.PidFdGetFd((int)handle, targetFd);
            if (fd < 0)
                throw SpawnException.FromLastPInvokeError("pidfd_getfd");
            return new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }

    /// <summary>Records that this handle reaped its child (also used by the asynchronous wait).</summary>
    internal ExitStatus MarkReaped(ExitStatus status)
    {
        _exitStatus = status;
        Volatile.Write(ref _reaped, 1);
        return status;
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        // A child of ours still running (or a zombie) must not stay unreaped after its last
        // handle: the reaper takes the descriptor over and closes it once the child is reaped.
        if (_ownsChild && !IsReaped)
        {
            ChildReaper.Adopt((int)handle, Pid, KillOnDispose);
            return true;
        }
        return Libc.Close((int)handle) == 0;
    }

    private ExitStatus RecoverFromFailedWait(int fd, Errno error, string operation)
    {
        // Another thread of ours reaped it first, or someone else did: the kernel (6.15+) still
        // knows the status.
        if (error == Errno.ECHILD)
        {
            if (IsReaped)
                return _exitStatus;
            if (PidFdGetInfo.TryGetExitStatus(fd, out ExitStatus status))
                return MarkReaped(status);
        }
        throw new SpawnException(operation, error);
    }

    private static unsafe bool IsOnPidFs(int fd)
    {
        Libc.StatFs stat;
        return Libc.FStatFs(fd, &stat) == 0 && stat.Type == PidFdSyscalls.PID_FS_MAGIC;
    }
}
