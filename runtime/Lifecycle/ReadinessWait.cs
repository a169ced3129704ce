using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// An asynchronous operation that completes when a descriptor watched by the <see cref="EpollReactor"/>
/// lets it: on every readiness event the reactor thread calls <see cref="TryComplete"/>, which either
/// finishes the operation or asks to be armed again. The result reaches the awaiter on the thread pool.
/// </summary>
/// <remarks>
/// The registration token doubles as the state: whoever swaps it for 0 (the reactor's event or the
/// cancellation) completes the operation, exactly once. An instance serves one operation at a time
/// and is reused after its awaiter read the result, so waiting allocates nothing.
/// Cancellation removes the registration and leaves the descriptor as it was.
/// </remarks>
internal abstract class ReadinessWait<TResult> : IValueTaskSource<TResult>, IValueTaskSource, IReadinessWaiter
{
    private static readonly Action<object?, CancellationToken> s_cancel = static (state, _) => ((ReadinessWait<TResult>)state!).Cancel();

    private ManualResetValueTaskSourceCore<TResult> _core = new() { RunContinuationsAsynchronously = true };
    private SafeHandle? _handle;
    private int _fd;
    private uint _events;
    private ulong _armedToken;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;

    /// <summary>
    /// Watches <paramref name="handle"/> for <paramref name="events"/>, holding a reference on it until the
    /// operation completes. The caller has found that the operation cannot complete at once.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    /// <exception cref="SpawnException"><c>epoll_ctl</c> failed (ENOMEM, ENOSPC).</exception>
    protected ValueTask<TResult> Start(SafeHandle handle, uint events, CancellationToken cancellationToken) =>
        new(this, Arm(handle, events, cancellationToken));

    /// <summary><see cref="Start"/> for an operation whose result nobody reads.</summary>
    protected ValueTask StartWithoutResult(SafeHandle handle, uint events, CancellationToken cancellationToken) =>
        new(this, Arm(handle, events, cancellationToken));

    private short Arm(SafeHandle handle, uint events, CancellationToken cancellationToken)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        _fd = (int)handle.DangerousGetHandle();
        _events = events;
        _cancellationToken = cancellationToken;
        short version = _core.Version;
        // Registered before arming so that Finish always disposes it; a cancellation that comes
        // before the arming is caught by the check after it.
        _cancellation = cancellationToken.UnsafeRegister(s_cancel, this);
        if (!EpollReactor.Instance.Register(_fd, events, this, ref _armedToken, out Errno error))
        {
            _cancellation.Dispose();
            ReleaseHandle();
            throw new SpawnException("epoll_ctl", error);
        }
        if (cancellationToken.IsCancellationRequested)
            Cancel();
        return version;
    }

    /// <summary>
    /// Called on the reactor thread when the descriptor is ready: finishes the operation and returns
    /// true, or returns false to wait for the next event. Must be quick and must not block; any
    /// exception fails the operation.
    /// </summary>
    protected abstract bool TryComplete(out TResult result);

    /// <summary>Called after the awaiter read the result, when the instance may serve another operation.</summary>
    protected virtual void OnConsumed()
    {
    }

    void IReadinessWaiter.OnReady(ulong token)
    {
        if (Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
            return;
        TResult result;
        try
        {
            if (!TryComplete(out result))
            {
                // Read before the token is back: once it is, another thread may end the operation.
                SafeHandle handle = _handle!;
                // Armed again before the token is published: while it is 0 a cancellation leaves the
                // registration alone, so the descriptor cannot be unregistered, closed and its number
                // registered anew by someone else between the two steps (the re-arm would then give
                // that registration this stale token, and its events would be dropped as stale). The
                // next event comes to this same thread, after this method returned.
                EpollReactor.Instance.Rearm(_fd, _events, token);
                Volatile.Write(ref _armedToken, token);
                // A cancellation or a disposal that came while this thread held the token found
                // nothing armed to end: end the operation now (which does nothing if it is over).
                if (_cancellationToken.IsCancellationRequested)
                    Cancel();
                else if (handle.IsClosed)
                    AbortDisposed(handle.GetType().Name);
                return;
            }
        }
        catch (Exception exception)
        {
            // Whatever went wrong belongs to the awaiter (an I/O error, or an ObjectDisposedException
            // for a handle disposed during the wait): the reactor thread must go on.
            Fail(token, exception);
            return;
        }
        Finish(token);
        _core.SetResult(result);
    }

    private void Cancel()
    {
        if (TryEnd(out ulong token))
            Fail(token, new OperationCanceledException(_cancellationToken));
    }

    /// <summary>
    /// Ends the operation under way, if any, with <see cref="ObjectDisposedException"/> naming
    /// <paramref name="objectName"/>, removing the registration and its reference on the handle. The
    /// owner of a descriptor calls it after disposing the handle, so that a wait that would never end
    /// does not keep the descriptor open (SafeHandle closes it at the last release). The exception is
    /// built only when an operation was under way: a dispose with nothing waiting allocates nothing.
    /// </summary>
    internal void AbortDisposed(string objectName)
    {
        if (TryEnd(out ulong token))
            Fail(token, new ObjectDisposedException(objectName));
    }

    // Takes the armed token: whoever swaps it for 0 ends the operation, exactly once.
    private bool TryEnd(out ulong token)
    {
        token = Volatile.Read(ref _armedToken);
        return token != 0 && Interlocked.CompareExchange(ref _armedToken, 0, token) == token;
    }

    private void Fail(ulong token, Exception exception)
    {
        Finish(token);
        _core.SetException(exception);
    }

    private void Finish(ulong token)
    {
        EpollReactor.Instance.Unregister(_fd, token);
        _cancellation.Dispose();
        ReleaseHandle();
    }

    private void ReleaseHandle()
    {
        _handle!.DangerousRelease();
        _handle = null;
        _cancellationToken = default;
        _cancellation = default;
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            OnConsumed();
        }
    }

    void IValueTaskSource.GetResult(short token) => ((IValueTaskSource<TResult>)this).GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
