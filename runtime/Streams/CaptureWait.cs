using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// One asynchronous capture: the child's stdout and stderr pipes and its pidfd watched together by
/// the epoll reactor, read and reaped on the reactor's thread as they turn readable, and one
/// completion once all three have ended. A small output is decoded there too and the task completes
/// from the reactor's thread, so a caller blocked on it wakes directly and an awaiting one after one
/// hop to the thread pool; a large output is decoded on the thread pool.
/// </summary>
/// <remarks>
/// Each pipe's registration token is its state, as in <see cref="ReadinessWait{TResult}"/>: whoever
/// swaps it for 0 (the reactor's event, or a cancellation or failure that cuts the pipe short) owns
/// the pipe until it arms it again or ends it. The capture ends when its count of parts reaches 0:
/// the two pipes, the exit, and the start itself, so that nothing completes while the caller is
/// still registering. Normally the pipes are read to their end even after the child exited (a
/// grandchild may still write); once the child was killed (cancellation, a failed read or
/// <c>epoll_ctl</c>) and has exited, the pipes are cut short.
/// <para>With a stop (a spec's stop policy), a cancellation before the exit runs the stop instead of
/// SIGKILL while the pipes are read on. The stop waits for the child's exit on the same pidfd and
/// reaps it, so the capture first takes its own registration of the pidfd back from the reactor (the
/// exit's token, swapped for 0 as a pipe's is): one party reaps, never both. The exit part ends when
/// the stop has, and the pipes are read until they close, for at most <see cref="OutputCapture.DrainTime"/>
/// once the child ended (a cancellation after the exit runs no stop, and gets that drain too).</para>
/// </remarks>
internal sealed class CaptureWait : IReadinessWaiter
{
    // Decoding on the reactor's thread holds up every other wait of the process: only outputs this
    // small (tens of microseconds to decode) are decoded there.
    private const int DecodeOnReactorLimit = 64 * 1024;

    private static readonly Action<object?> s_cancel = static state => ((CaptureWait)state!).OnCancel();
    private static readonly Action<object?> s_decode = static state => ((CaptureWait)state!).Decode();
    private static readonly Action<object?> s_runStop = static state => _ = ((CaptureWait)state!).RunStopAsync();

    private readonly PidFd _child;
    private readonly SafeFileHandle _output, _error;
    private readonly Func<Task>? _stop;
    private readonly TaskCompletionSource<CapturedOutput> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PipeBytes _outputBytes = new(), _errorBytes = new();
    private ulong _outputToken, _errorToken, _exitToken;
    private int _pending = 4;
    private int _exited;
    private int _killed;
    private int _stopRequested;
    private int _drainStarted;
    private ExitStatus _status;
    private Exception? _failure;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;

    private CaptureWait(PidFd child, SafeFileHandle output, SafeFileHandle error, Func<Task>? stop)
    {
        _child = child;
        _stop = stop;
        _output = output;
        _error = error;
    }

    // Read from the handles rather than kept: every asynchronous capture allocates this object.
    private int OutputFd => (int)_output.DangerousGetHandle();

    private int ErrorFd => (int)_error.DangerousGetHandle();

    private int PidFdNumber => (int)_child.DangerousGetHandle();

    /// <summary>
    /// Captures <paramref name="child"/>'s output from the read ends of its stdout and stderr pipes
    /// (made non-blocking here; pipes from <c>pipe2(O_CLOEXEC)</c>) and waits for its exit. Takes
    /// ownership of all three: they are closed when the returned task completes. Every failure is in
    /// the task: fcntl, read or <c>epoll_ctl</c> (the child is then killed with SIGKILL and reaped), the
    /// wait (ECHILD); <see cref="OperationCanceledException"/> once the token killed the child and it was reaped.
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="output">The read end of its stdout pipe.</param>
    /// <param name="error">The read end of its stderr pipe.</param>
    /// <param name="cancellationToken">Kills the child (SIGKILL); with <paramref name="stop"/>, runs the stop.</param>
    /// <param name="stop">Null, or what a cancellation before the child's exit does instead of SIGKILL:
    /// a stop policy that signals, waits, kills and returns once it reaped the child. The reads go on
    /// meanwhile and the task then completes with what the child wrote until its pipes closed (or
    /// <see cref="OutputCapture.DrainTime"/> after its end, when another process holds them); a stop
    /// that throws is a failure (the child is then killed). A cancellation after the exit runs no stop
    /// and gives the pipes that drain time too.</param>
    internal static Task<CapturedOutput> Start(PidFd child, SafeFileHandle output, SafeFileHandle error, CancellationToken cancellationToken,
                                               Func<Task>? stop = null)
    {
        var wait = new CaptureWait(child, output, error, stop);
        wait.Begin(cancellationToken);
        return wait._completion.Task;
    }

    // On the caller's thread: whatever has ended already (a quick child's small output) ends here,
    // the rest is registered; the capture may complete right here, synchronously.
    private void Begin(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        bool outputEnded, errorEnded, exited;
        EpollReactor reactor;
        try
        {
            // First, for the reactor's creation can fail too (epoll_create1: EMFILE, ENOMEM).
            reactor = EpollReactor.Instance;
            NonBlockingDescriptor.SetPipeNonBlocking(OutputFd);
            NonBlockingDescriptor.SetPipeNonBlocking(ErrorFd);
            outputEnded = ReadAndProbeEnd(OutputFd, ref _outputBytes);
            errorEnded = ReadAndProbeEnd(ErrorFd, ref _errorBytes);
            exited = _child.TryWaitForExit(out _status);
        }
        catch (SpawnException exception)
        {
            // Nothing is on the reactor yet: the capture ends here, and the killed child goes to the
            // background reaper when its handle is disposed.
            _failure = exception;
            _child.TrySendSignal(Signals.SIGKILL, out _);
            _killed = 1;
            _pending = 1;
            EndPart();
            return;
        }
        // The pipes first, so that the exit, which can cut them short, comes after their registration.
        StartPipe(reactor, OutputFd, outputEnded, ref _outputToken);
        StartPipe(reactor, ErrorFd, errorEnded, ref _errorToken);
        if (exited)
            EndExit();
        else if (!reactor.Register(PidFdNumber, Epoll.EPOLLIN, this, ref _exitToken, out Errno error))
            FailAndKill(new SpawnException("epoll_ctl", error), endsExit: true);
        // After every registration, so that the cancellation finds them; at once if already cancelled.
        _cancellation = cancellationToken.UnsafeRegister(s_cancel, this);
        EndPart();
    }

    private void StartPipe(EpollReactor reactor, int fd, bool ended, ref ulong token)
    {
        if (!ended && !reactor.Register(fd, Epoll.EPOLLIN, this, ref token, out Errno error))
        {
            FailAndKill(new SpawnException("epoll_ctl", error), endsExit: false);
            ended = true;
        }
        if (ended)
            EndPart();
    }

    // Up to two reads: the first empties the pipe (it is offered the pipe's capacity), the second, into
    // what is left of the buffer, finds the end of file that often came with the last bytes, saving a
    // round through epoll. True at the end of file.
    private static bool ReadAndProbeEnd(int fd, ref PipeBytes bytes)
    {
        int count = bytes.ReadOnce(fd);
        if (count > 0)
            count = bytes.ReadIntoRest(fd);
        return count == 0;
    }

    void IReadinessWaiter.OnReady(ulong token)
    {
        if (token == Volatile.Read(ref _outputToken))
            OnPipeReady(OutputFd, ref _outputBytes, ref _outputToken, token);
        else if (token == Volatile.Read(ref _errorToken))
            OnPipeReady(ErrorFd, ref _errorBytes, ref _errorToken, token);
        else if (token == Volatile.Read(ref _exitToken))
            OnExitReady(token);
    }

    private void OnPipeReady(int fd, ref PipeBytes bytes, ref ulong armedToken, ulong token)
    {
        if (Interlocked.CompareExchange(ref armedToken, 0, token) != token)
            return;
        bool ended;
        try
        {
            ended = ReadAndProbeEnd(fd, ref bytes);
        }
        catch (SpawnException exception)
        {
            EpollReactor.Instance.Unregister(fd, token);
            FailAndKill(exception, endsExit: false);
            EndPart();
            return;
        }
        if (ended)
        {
            EpollReactor.Instance.Unregister(fd, token);
            EndPart();
            return;
        }
        // Armed again before the token is published: while it is 0 no one cuts the pipe, so the
        // registration cannot be removed between the two steps (see ReadinessWait.OnReady).
        EpollReactor.Instance.Rearm(fd, Epoll.EPOLLIN, token);
        Volatile.Write(ref armedToken, token);
        // A kill that came while this thread held the token found nothing to cut.
        CutPipesIfKilledAndExited();
    }

    private void OnExitReady(ulong token)
    {
        if (Interlocked.CompareExchange(ref _exitToken, 0, token) != token)
            return;
        bool exited;
        try
        {
            exited = _child.TryWaitForExit(out _status);
        }
        catch (SpawnException exception)
        {
            // waitid failed (ECHILD): there is nothing left to wait for.
            Volatile.Write(ref _failure, exception);
            exited = true;
        }
        if (!exited)
        {
            EpollReactor.Instance.Rearm(PidFdNumber, Epoll.EPOLLIN, token);
            // With a full fence before the stop request is read, as the request is before the token
            // is (OnCancel): a stop asked for while this thread held the token is started by one side.
            Interlocked.Exchange(ref _exitToken, token);
            TakeExitForStop();
            return;
        }
        EpollReactor.Instance.Unregister(PidFdNumber, token);
        EndExit();
    }

    private void EndExit()
    {
        // Published with a full fence before the kill is read, as the kill is before the exit is
        // read (FailAndKill, OnCancel): one side or both see the other and cut the pipes.
        Interlocked.Exchange(ref _exited, 1);
        CutPipesIfKilledAndExited();
        DrainIfStopRequestedAndExited();
        EndPart();
    }

    private void OnCancel()
    {
        if (_stop is not null)
        {
            Interlocked.Exchange(ref _stopRequested, 1);
            TakeExitForStop();
            DrainIfStopRequestedAndExited();
            return;
        }
        Kill();
        CutPipesIfKilledAndExited();
    }

    // The stop waits for the exit on the pidfd itself: the capture's registration goes first, by the
    // same swap of the token for 0 that the reactor's event makes, so that only one of them reaps.
    // Once the exit was collected the token stays 0, and a late cancellation stops nothing.
    private void TakeExitForStop()
    {
        if (Volatile.Read(ref _stopRequested) == 0)
            return;
        ulong token = Volatile.Read(ref _exitToken);
        if (token == 0 || Interlocked.CompareExchange(ref _exitToken, 0, token) != token)
            return;
        EpollReactor.Instance.Unregister(PidFdNumber, token);
        // Off the reactor's thread and the cancelling one: the stop signals and waits.
        ThreadPool.UnsafeQueueUserWorkItem(s_runStop, this, preferLocal: false);
    }

    // Once a stop was asked for and the child has ended (reaped by the stop, or before it), the pipes
    // get OutputCapture.DrainTime: a process the stop does not reach (a grandchild) may hold them open.
    // Each side publishes its flag with a full fence before it reads the other's, so one of them starts it.
    private void DrainIfStopRequestedAndExited()
    {
        if (Volatile.Read(ref _stopRequested) == 0 || Volatile.Read(ref _exited) == 0 || Interlocked.Exchange(ref _drainStarted, 1) != 0)
            return;
        _ = CutPipesAfterDrainAsync();
    }

    // A pipe that ended meanwhile has its token at 0, and its cut does nothing.
    private async Task CutPipesAfterDrainAsync()
    {
        await Task.Delay(OutputCapture.DrainTime).ConfigureAwait(false);
        CutPipe(OutputFd, ref _outputToken);
        CutPipe(ErrorFd, ref _errorToken);
    }

    // The exit part, owned by the stop from here: it ends once the stop reaped the child. A stop that
    // failed (a signal, the cgroup) is the capture's failure: the child is killed and waited for here.
    private async Task RunStopAsync()
    {
        try
        {
            await _stop!().ConfigureAwait(false);
            _child.TryWaitForExit(out _status);
        }
        catch (Exception exception)
        {
            FailAndKill(exception, endsExit: false);
            try
            {
                _status = await _child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SpawnException)
            {
                // The exit cannot be watched: the killed child goes to the background reaper when its handle is disposed.
            }
        }
        EndExit();
    }

    // A failure ends the capture as a cancellation does, by killing the child; the first failure is the one reported.
    private void FailAndKill(Exception failure, bool endsExit)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        Kill();
        if (endsExit)
            EndExit();
        else
            CutPipesIfKilledAndExited();
    }

    private void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _child.TrySendSignal(Signals.SIGKILL, out _);
        }
        catch (ObjectDisposedException)
        {
            // The capture completed (and closed the pidfd) as the cancellation came.
        }
    }

    // A killed child's pipes may still be held open by its own children: once it has exited, the
    // capture ends without their end of file.
    private void CutPipesIfKilledAndExited()
    {
        if (Volatile.Read(ref _killed) == 0 || Volatile.Read(ref _exited) == 0)
            return;
        CutPipe(OutputFd, ref _outputToken);
        CutPipe(ErrorFd, ref _errorToken);
    }

    private void CutPipe(int fd, ref ulong armedToken)
    {
        ulong token = Volatile.Read(ref armedToken);
        if (token == 0 || Interlocked.CompareExchange(ref armedToken, 0, token) != token)
            return;
        EpollReactor.Instance.Unregister(fd, token);
        EndPart();
    }

    private void EndPart()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
            Complete();
    }

    // Every part has ended, so nothing reads the buffers or watches the descriptors any more.
    private void Complete()
    {
        // Unregister, not Dispose: Dispose would wait for a callback under way, which may be the one
        // running this. A late callback finds the pidfd closed (Kill) and every token 0 (CutPipe).
        _cancellation.Unregister();
        _output.Dispose();
        _error.Dispose();
        // An exit never seen (its registration failed) leaves the killed child to the background reaper.
        _child.Dispose();
        Exception? failure = Volatile.Read(ref _failure);
        if (failure is not null || Volatile.Read(ref _killed) != 0)
        {
            ReleaseBytes();
            if (failure is not null)
                _completion.TrySetException(failure);
            else
                _completion.TrySetCanceled(_cancellationToken);
        }
        else if (_outputBytes.Length + _errorBytes.Length <= DecodeOnReactorLimit)
        {
            Decode();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(s_decode, this, preferLocal: false);
        }
    }

    private void Decode()
    {
        try
        {
            _completion.TrySetResult(new CapturedOutput(_status, _outputBytes.ToText(), _errorBytes.ToText()));
        }
        catch (OutOfMemoryException exception)
        {
            // The reactor's thread must go on: the failure belongs to the awaiter.
            _completion.TrySetException(exception);
        }
        finally
        {
            ReleaseBytes();
        }
    }

    private void ReleaseBytes()
    {
        _outputBytes.Release();
        _errorBytes.Release();
    }
}
