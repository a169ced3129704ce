using System.ComponentModel;
using Spawn.Interop;

namespace Spawn.LowLevel;

/// <summary>
/// What a generated <see cref="SpawnSpecAttribute"/> method that returns
/// <c>ValueTask&lt;ExitStatus&gt;</c> does after the spawn: await the child's exit, then dispose
/// its <see cref="PidFd"/>; not meant to be called by hand. The wait is a pooled
/// <see cref="System.Threading.Tasks.Sources.IValueTaskSource{TResult}"/> on the epoll reactor,
/// as <see cref="PidFd.WaitForExitAsync"/>, so no state machine is allocated per call.
/// </summary>
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

            return PooledWait.Begin(child, cancellationToken);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    // One wait at a time per instance; reused once its awaiter read the result.
    private sealed class PooledWait : ReadinessWait<ExitStatus>
    {
        private const int MaxPooled = 256;

        private static readonly Lock s_poolLock = new();
        private static readonly PooledWait?[] s_pool = new PooledWait?[MaxPooled];
        private static int s_pooled;

        private PidFd? _child;

        internal static ValueTask<ExitStatus> Begin(PidFd child, CancellationToken cancellationToken)
        {
            PooledWait wait = Rent();
            wait._child = child;
            try
            {
                return wait.Start(child, Epoll.EPOLLIN, cancellationToken);
            }
            catch
            {
                wait._child = null;
                wait.OnConsumed();
                throw;
            }
        }

        /// <inheritdoc/>
        protected override bool TryComplete(out ExitStatus result) => _child!.TryWaitForExit(out result);

        /// <inheritdoc/>
        protected override void OnConsumed()
        {
            // An unreaped child (a cancelled wait) goes to the background reaper with its handle.
            _child?.Dispose();
            _child = null;
            lock (s_poolLock)
            {
                if (s_pooled < MaxPooled)
                {
                    s_pool[s_pooled++] = this;
                }
            }
        }

        private static PooledWait Rent()
        {
            lock (s_poolLock)
            {
                if (s_pooled > 0)
                {
                    PooledWait wait = s_pool[--s_pooled]!;
                    s_pool[s_pooled] = null;
                    return wait;
                }
            }

            return new PooledWait();
        }
    }
}
