using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// One <see cref="PidFd.WaitForExitAsync"/>: the pidfd turns readable when its process exits, and the
/// status is then collected as <see cref="PidFd.TryWaitForExit"/> does. Instances are pooled, so a
/// wait allocates nothing in steady state. Generated code hands the wait its child's handle to dispose
/// (<see cref="Specs.Support.SpecExitWait"/>).
/// </summary>
internal sealed class PidFdExitWait : ReadinessWait<ExitStatus>
{
    private const int MaxPooled = 1024;

    private static readonly Lock s_poolLock = new();
    private static readonly PidFdExitWait?[] s_pool = new PidFdExitWait?[MaxPooled];
    private static int s_pooled;

    private PidFd? _pidfd;
    private bool _disposeWhenConsumed;

    /// <summary>Starts watching <paramref name="pidfd"/>, whose process has not exited yet; with
    /// <paramref name="disposeWhenConsumed"/> the handle is disposed once the result was read (an
    /// unreaped child, after a cancelled wait, then goes to the background reaper).</summary>
    internal static ValueTask<ExitStatus> Start(PidFd pidfd, CancellationToken cancellationToken, bool disposeWhenConsumed = false)
    {
        var wait = Rent();
        wait._pidfd = pidfd;
        wait._disposeWhenConsumed = disposeWhenConsumed;
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
        if (_disposeWhenConsumed)
            _pidfd?.Dispose();
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
