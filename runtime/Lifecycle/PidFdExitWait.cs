using Spawn.Interop;

namespace Spawn;

/// <summary>
/// One <see cref="PidFd.WaitForExitAsync"/>: the pidfd turns readable when its process exits, and the
/// status is then collected as <see cref="PidFd.TryWaitForExit"/> does. Instances are pooled, so a
/// wait allocates nothing in steady state.
/// </summary>
internal sealed class PidFdExitWait : ReadinessWait<ExitStatus>
{
    private const int MaxPooled = 1024;

    private static readonly Lock s_poolLock = new();
    private static readonly PidFdExitWait?[] s_pool = new PidFdExitWait?[MaxPooled];
    private static int s_pooled;

    private PidFd? _pidfd;

    /// <summary>Starts watching <paramref name="pidfd"/>, whose process has not exited yet.</summary>
    internal static ValueTask<ExitStatus> Start(PidFd pidfd, CancellationToken cancellationToken)
    {
        var wait = Rent();
        wait._pidfd = pidfd;
        try
        {
            return wait.Start(pidfd, Epoll.EPOLLIN, cancellationToken);
        }
        catch
        {
            wait.OnConsumed();
            throw;
        }
    }

    protected override bool TryComplete(out ExitStatus result) => _pidfd!.TryWaitForExit(out result);

    protected override void OnConsumed()
    {
        _pidfd = null;
        lock (s_poolLock)
        {
            if (s_pooled < MaxPooled)
                s_pool[s_pooled++] = this;
        }
    }

    private static PidFdExitWait Rent()
    {
        lock (s_poolLock)
        {
            if (s_pooled > 0)
            {
                var wait = s_pool[--s_pooled]!;
                s_pool[s_pooled] = null;
                return wait;
            }
        }
        return new PidFdExitWait();
    }
}
