using System.ComponentModel;
using Spawn.Lifecycle;

namespace Spawn.Specs.Support;

/// <summary>
/// What a generated <see cref="SpawnSpecAttribute"/> method that returns
/// <c>ValueTask&lt;ExitStatus&gt;</c> does after the spawn: await the child's exit, then dispose
/// its <see cref="PidFd"/>; not meant to be called by hand. The wait is a pooled
/// <see cref="System.Threading.Tasks.Sources.IValueTaskSource{TResult}"/> on the epoll reactor,
/// as <see cref="PidFd.WaitForExitAsync"/>, so no state machine is allocated per call.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecExitWait
{
    /// <summary>
    /// Waits for <paramref name="child"/> to exit (<c>waitid(P_PIDFD, WEXITED | WNOHANG)</c> once its
    /// pidfd turns readable) and disposes it once the result was read.
    /// </summary>
    /// <param name="child">The spawned child; owned by the wait from now on.</param>
    /// <param name="cancellationToken">Stops the wait: the child keeps running and is reaped in the
    /// background once it exits.</param>
    /// <returns>How the child ended.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    /// <exception cref="SpawnException">waitid failed (ECHILD); <c>epoll_ctl</c>'s ENOMEM, ENOSPC.</exception>
    public static ValueTask<ExitStatus> WaitThenDispose(PidFd child, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(child);
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                child.Dispose();
                return ValueTask.FromCanceled<ExitStatus>(cancellationToken);
            }

            if (child.TryWaitForExit(out ExitStatus status))
            {
                child.Dispose();
                return new ValueTask<ExitStatus>(status);
            }

            return PidFdExitWait.Start(child, cancellationToken, disposeWhenConsumed: true);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }
}
