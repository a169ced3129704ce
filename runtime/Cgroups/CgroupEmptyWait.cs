using Spawn.Interop;

namespace Spawn;

/// <summary>
/// One <see cref="Cgroup.WaitUntilEmptyAsync"/>: an open <c>cgroup.events</c> descriptor registered
/// with the <see cref="EpollReactor"/> for <c>EPOLLPRI</c>, re-read on every change until it says
/// <c>populated 0</c>. It owns the descriptor and closes it when it completes.
/// </summary>
internal sealed class CgroupEmptyWait : IReadinessWaiter
{
    private readonly Cgroup _cgroup;
    private readonly int _eventsFd;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private ulong _armedToken;

    private CgroupEmptyWait(Cgroup cgroup, int eventsFd)
    {
        _cgroup = cgroup;
        _eventsFd = eventsFd;
    }

    internal static Task Start(Cgroup cgroup, int eventsFd, CancellationToken cancellationToken)
    {
        var wait = new CgroupEmptyWait(cgroup, eventsFd);
        // Registered before arming so that Finish always disposes it; a cancellation that comes
        // before the arming is caught by the check after it.
        wait._cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((CgroupEmptyWait)state!).Cancel(token), wait);
        if (!EpollReactor.Instance.Register(eventsFd, Epoll.EPOLLPRI, wait, ref wait._armedToken, out var error))
        {
            wait._cancellation.Dispose();
            Libc.Close(eventsFd);
            throw new SpawnException("epoll_ctl cgroup.events", error, cgroup.Path + "/cgroup.events");
        }
        if (cancellationToken.IsCancellationRequested)
            wait.Cancel(cancellationToken);
        return wait._completion.Task;
    }

    public void OnReady(ulong token)
    {
        if (Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
            return;
        bool empty;
        try
        {
            empty = _cgroup.IsEmpty(_eventsFd);
        }
        catch (SpawnException exception)
        {
            Finish(token);
            _completion.TrySetException(exception);
            return;
        }
        if (empty)
        {
            Finish(token);
            _completion.TrySetResult();
            return;
        }
        Volatile.Write(ref _armedToken, token);
        EpollReactor.Instance.Rearm(_eventsFd, Epoll.EPOLLPRI, token);
    }

    private void Cancel(CancellationToken cancellationToken)
    {
        ulong token = Volatile.Read(ref _armedToken);
        if (token == 0 || Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
            return;
        Finish(token);
        _completion.TrySetCanceled(cancellationToken);
    }

    private void Finish(ulong token)
    {
        EpollReactor.Instance.Unregister(_eventsFd, token);
        Libc.Close(_eventsFd);
        _cancellation.Dispose();
    }
}
