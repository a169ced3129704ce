using System.Threading.Tasks.Sources;
using Spawn.Interop;

namespace Spawn;

/// <summary>
/// One <see cref="PidFd.WaitForExitAsync"/>: the pidfd registered with the <see cref="EpollReactor"/>,
/// completed on the thread pool when the process exits or the token is cancelled. Instances are
/// pooled and reused after the awaiter read the result, so a wait allocates nothing in steady state.
/// The registration token doubles as the state: whoever swaps it for 0 (the reactor's event or the
/// cancellation) completes the wait, exactly once.
/// </summary>
internal sealed class PidFdExitWait : IValueTaskSource<ExitStatus>, IReadinessWaiter
{
    private const int MaxPooled = 1024;

    private static readonly Lock s_poolLock = new();
    private static readonly PidFdExitWait?[] s_pool = new PidFdExitWait?[MaxPooled];
    private static int s_pooled;
    private static readonly Action<object?, CancellationToken> s_cancel = static (state, _) => ((PidFdExitWait)state!).Cancel();

    private ManualResetValueTaskSourceCore<ExitStatus> _core = new() { RunContinuationsAsynchronously = true };
    private PidFd? _pidfd;
    private int _fd;
    private ulong _armedToken;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Starts watching <paramref name="pidfd"/>, which keeps a reference until the wait completes.</summary>
    internal static ValueTask<ExitStatus> Start(PidFd pidfd, CancellationToken cancellationToken)
    {
        var wait = Rent();
        bool added = false;
        try
        {
            pidfd.DangerousAddRef(ref added);
        }
        finally
        {
            if (!added)
                Return(wait);
        }
        wait._pidfd = pidfd;
        wait._fd = (int)pidfd.DangerousGetHandle();
        wait._cancellationToken = cancellationToken;
        short version = wait._core.Version;
        // Registered before arming so that Finish always disposes it; a cancellation that comes
        // before the arming is caught by the check after it.
        wait._cancellation = cancellationToken.UnsafeRegister(s_cancel, wait);
        if (!EpollReactor.Instance.Register(wait._fd, Epoll.EPOLLIN, wait, ref wait._armedToken, out Errno error))
        {
            wait._cancellation.Dispose();
            wait.ReleaseHandle();
            Return(wait);
            throw new SpawnException("epoll_ctl pidfd", error);
        }
        if (cancellationToken.IsCancellationRequested)
            wait.Cancel();
        return new ValueTask<ExitStatus>(wait, version);
    }

    public void OnReady(ulong token)
    {
        if (Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
            return;
        ExitStatus status;
        try
        {
            if (!_pidfd!.TryCollectExitStatus(_fd, out status))
            {
                // Readable but not yet waitable: arm again, and honour a cancellation that came meanwhile.
                Volatile.Write(ref _armedToken, token);
                EpollReactor.Instance.Rearm(_fd, Epoll.EPOLLIN, token);
                if (_cancellationToken.IsCancellationRequested)
                    Cancel();
                return;
            }
        }
        catch (SpawnException exception)
        {
            Finish(token);
            _core.SetException(exception);
            return;
        }
        Finish(token);
        _core.SetResult(status);
    }

    private void Cancel()
    {
        ulong token = Volatile.Read(ref _armedToken);
        if (token == 0 || Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
            return;
        var cancellationToken = _cancellationToken;
        Finish(token);
        _core.SetException(new OperationCanceledException(cancellationToken));
    }

    private void Finish(ulong token)
    {
        EpollReactor.Instance.Unregister(_fd, token);
        _cancellation.Dispose();
        ReleaseHandle();
    }

    private void ReleaseHandle()
    {
        _pidfd!.DangerousRelease();
        _pidfd = null;
        _cancellationToken = default;
        _cancellation = default;
    }

    public ExitStatus GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

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

    private static void Return(PidFdExitWait wait)
    {
        lock (s_poolLock)
        {
            if (s_pooled < MaxPooled)
                s_pool[s_pooled++] = wait;
        }
    }
}
