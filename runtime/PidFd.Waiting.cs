using Spawn.Lifecycle;
namespace Spawn;

public sealed partial class PidFd
{
    /// <summary>
    /// Waits without blocking a thread until the process exits, then returns how it ended. The pidfd
    /// is watched by the process's one epoll reactor thread (a pidfd turns readable when its process
    /// exits); the reactor then collects the status as <see cref="TryWaitForExit"/> does
    /// (<c>waitid(P_PIDFD, WEXITED | WNOHANG)</c>) and the continuation runs on the thread pool. No allocation per wait in steady state (the wait's
    /// <see cref="System.Threading.Tasks.Sources.IValueTaskSource{TResult}"/> is pooled).
    /// </summary>
    /// <remarks>
    /// A handle from <see cref="Open(System.Diagnostics.Process)"/> never reaps: the status is read with
    /// <c>WNOWAIT</c>, or with <c>PIDFD_INFO_EXIT</c> (Linux 6.15+) once <c>Process</c> reaped it. A child of
    /// ours that someone else reaped is also reported through <c>PIDFD_INFO_EXIT</c>. A handle disposed
    /// during a wait is closed once the wait has completed.
    /// </remarks>
    /// <param name="cancellationToken">Stops the wait: the registration is removed, and the child keeps
    /// running and can be waited for again.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    /// <exception cref="ObjectDisposedException">The handle was closed before the call.</exception>
    /// <exception cref="SpawnException">ECHILD (reaped elsewhere on a kernel without <c>PIDFD_INFO_EXIT</c>,
    /// or not our child and not reaped by its parent yet), EBADF; <c>epoll_ctl</c>'s ENOMEM, ENOSPC.</exception>
    public ValueTask<ExitStatus> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<ExitStatus>(cancellationToken);
        if (TryWaitForExit(out ExitStatus status))
            return new ValueTask<ExitStatus>(status);
        return PidFdExitWait.Start(this, cancellationToken);
    }

    /// <summary>
    /// Blocks in <c>poll(pidfd, POLLIN)</c> until the process exits or <paramref name="deadline"/>
    /// passes, then collects the status as <see cref="TryWaitForExit"/> does
    /// (<c>waitid(P_PIDFD, WEXITED | WNOHANG)</c>). Allocates nothing.
    /// </summary>
    /// <returns>True when the process exited and was reaped before the deadline.</returns>
    /// <exception cref="SpawnException">poll failed (EBADF, ENOMEM); waitid's ECHILD.</exception>
    internal bool TryWaitForExitUntil(Deadline deadline, out ExitStatus status)
    {
        if (IsReaped)
            return TryWaitForExit(out status);
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            if (!ChildWait.WaitReadable((int)handle, deadline))
            {
                status = default;
                return false;
            }
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
        return TryWaitForExit(out status);
    }
}
