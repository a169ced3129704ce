using Spawn.Interop;

namespace Spawn;

public sealed partial class PidFd
{
    private const int WNOWAIT = 0x01000000;

    /// <summary>
    /// Waits without blocking a thread until the process exits, then returns how it ended. The pidfd
    /// is watched by the process's one epoll reactor thread (a pidfd turns readable when its process
    /// exits); the reactor reaps the child with <c>waitid(P_PIDFD, WEXITED | WNOHANG)</c> and the
    /// continuation runs on the thread pool. No allocation per wait in steady state (the wait's
    /// <see cref="System.Threading.Tasks.Sources.IValueTaskSource{TResult}"/> is pooled).
    /// </summary>
    /// <remarks>
    /// A handle from <see cref="Open(int)"/> or <see cref="Open(System.Diagnostics.Process)"/> does not own its
    /// process and never reaps it: the status is read with <c>WNOWAIT</c>, or with
    /// <c>PIDFD_INFO_EXIT</c> (Linux 6.15+) once its owner reaped it. A child of ours that someone
    /// else reaped is also reported through <c>PIDFD_INFO_EXIT</c>.
    /// </remarks>
    /// <param name="cancellationToken">Stops the wait: the registration is removed, and the child keeps
    /// running and can be waited for again.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    /// <exception cref="SpawnException">ECHILD (reaped elsewhere on a kernel without <c>PIDFD_INFO_EXIT</c>,
    /// or not our child and not reaped by its parent yet), EBADF; <c>epoll_ctl</c>'s ENOMEM, ENOSPC.</exception>
    public ValueTask<ExitStatus> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        if (IsReaped)
            return new ValueTask<ExitStatus>(_exitStatus);
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<ExitStatus>(cancellationToken);
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            if (TryCollectExitStatus((int)handle, out ExitStatus status))
                return new ValueTask<ExitStatus>(status);
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
        return PidFdExitWait.Start(this, cancellationToken);
    }

    /// <summary>
    /// Collects the exit status if the process has exited: reaps an owned child, reads a foreign one's
    /// without reaping. The caller holds a reference on the handle.
    /// </summary>
    /// <exception cref="SpawnException">The status cannot be had (see <see cref="WaitForExitAsync"/>).</exception>
    internal unsafe bool TryCollectExitStatus(int fd, out ExitStatus status)
    {
        if (IsReaped)
        {
            status = _exitStatus;
            return true;
        }
        if (_ownsChild)
        {
            Errno error = ChildWait.Wait(fd, blocking: false, out bool exited, out status);
            if (error.Value != 0)
            {
                status = RecoverFromFailedWait(fd, error, "waitid");
                return true;
            }
            if (exited)
                MarkReaped(status);
            return exited;
        }

        status = default;
        if (!ChildWait.IsReadable(fd))
            return false;
        // Someone else owns this process (System.Diagnostics.Process reaps its children and fails
        // fast when another party does): look without reaping.
        SigInfo info = default;
        while (PidFdSyscalls.WaitId(PidFdSyscalls.P_PIDFD, fd, &info, PidFdSyscalls.WEXITED | PidFdSyscalls.WNOHANG | WNOWAIT) < 0)
        {
            Errno error = Errno.FromLastPInvokeError();
            if (error != Errno.EINTR)
            {
                status = RecoverFromFailedWait(fd, error, "waitid");
                return true;
            }
        }
        if (info.Pid == 0)
            return false;
        status = MarkReaped(ExitStatus.FromWaitid(info.Code, info.Status));
        return true;
    }
}
