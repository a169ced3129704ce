using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;
using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// The synchronous verbs (<see cref="Job.Run"/>, <see cref="Job.Capture"/>): the steps of
/// <see cref="JobExecution.ExecuteAsync"/> taken on the calling thread, every wait one <c>poll</c>
/// (<see cref="PollSet"/>) over the job's pidfds (readable once their process exited), its stdout and
/// stderr pipes, its stdin pipe (writable), a wake-up pipe that the caller's token writes to when
/// cancelled and, while a cgroup is being stopped, its <c>cgroup.events</c> (POLLPRI on a change).
/// The timeout, the grace period and the drain time are deadlines of that poll: no timer, thread-pool
/// thread or epoll reactor takes part, so a verb works with the thread pool starved.
/// </summary>
internal ref struct PolledJob
{
    // Besides one entry per process: stdin, stdout, stderr, the wake-up pipe, cgroup.events.
    private const int OtherEntries = 5;
    private const int MostEntriesOnStack = 64;

    private readonly Job _job;
    private readonly RunningJob _running;
    private readonly OutputReading? _reading;
    private readonly CancellationTokenSource _stop;
    private readonly int _output;
    private readonly int _error;
    private PollSet _polls;
    private int _input;
    private int _processesLeft;
    private ReadOnlyMemory<byte> _pendingInput;
    private byte[]? _inputBuffer;
    private ExceptionDispatchInfo? _inputFailure;
    private int _wake = -1;
    private int _cgroupEvents = -1;
    private SafeFileHandle? _cgroupEventsFile;
    private bool _cgroupEmpty;

    private PolledJob(Job job, RunningJob running, OutputReading? reading, CancellationTokenSource stop, PipeEnds? wake,
                      Span<Libc.PollFd> storage)
    {
        _job = job;
        _running = running;
        _reading = reading;
        _stop = stop;
        _polls = new PollSet(storage);
        // A pidfd turns readable when its process exits; entry i is process i.
        foreach (PidFd process in running.Processes)
            _polls.Add((int)process.DangerousGetHandle(), Libc.POLLIN);
        _processesLeft = running.Processes.Count;
        StandardPipes pipes = running.Pipes;
        _output = reading is not null && pipes.Output is not null ? _polls.Add(Descriptor(pipes.Output), Libc.POLLIN) : -1;
        _error = reading is not null && pipes.Error is not null ? _polls.Add(Descriptor(pipes.Error), Libc.POLLIN) : -1;
        _input = pipes.Input is not null ? _polls.Add(Descriptor(pipes.Input), DescriptorSyscalls.POLLOUT) : -1;
        if (wake is not null)
            _wake = _polls.Add((int)wake.ReadEnd.DangerousGetHandle(), Libc.POLLIN);
        if (_input >= 0)
        {
            _pendingInput = InputWriter.FixedBytes(job);
            if (job.Input.Kind == StandardInputKind.Stream)
                _inputBuffer = ArrayPool<byte>.Shared.Rent(OutputReading.ReadSize);
        }
    }

    private enum Until
    {
        ExitOrStop,
        Exit,
        ExitAndEmptyCgroup,
        OutputEnd,
    }

    /// <summary>
    /// Runs <paramref name="job"/> to its end on this thread: what <see cref="JobExecution.ExecuteAsync"/> does,
    /// with the same results and exceptions.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="capture">Collect stdout and stderr (<see cref="Job.Capture"/>), else leave them to the job (<see cref="Job.Run"/>).</param>
    /// <param name="cancellationToken">Stops the job by its policy.</param>
    internal static JobResult Execute(Job job, bool capture, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        job.Validate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using OutputReading? reading = capture ? OutputReading.ForCapture(job, stop) : null;
        // Only a token that can be cancelled needs waking the poll; the output limit cancels on this thread.
        using PipeEnds? wake = cancellationToken.CanBeCanceled ? PipeEnds.Create() : null;
        using CancellationTokenRegistration registration = wake is null ? default
            : stop.Token.UnsafeRegister(static state => WakeUp((PipeEnds)state!), wake);
        using RunningJob running = JobLauncher.Start(job, pipeOutput: capture);
        Deadline timeout = Deadline.After(job.Timeout);

        int entries = running.Processes.Count + OtherEntries;
        var polled = new PolledJob(job, running, reading, stop, wake,
                                   entries <= MostEntriesOnStack ? stackalloc Libc.PollFd[entries] : new Libc.PollFd[entries]);
        try
        {
            StopReason reason = StopReason.None;
            bool killed = false;
            if (!polled.WaitUntil(Until.ExitOrStop, timeout) || polled._processesLeft > 0)
            {
                reason = JobExecution.StopReasonFor(reading, cancellationToken);
                killed = polled.Stop();
            }

            // Every process is reaped. Output still comes while a grandchild holds a pipe; give it the drain time.
            polled.CloseInput();
            polled.Drain();
            polled._inputFailure?.Throw();
            return JobExecution.Finish(job, running, reading, reason, killed, cancellationToken);
        }
        finally
        {
            polled.Dispose();
        }
    }

    private static int Descriptor(DescriptorStream stream) => (int)stream.Handle.DangerousGetHandle();

    // Runs on the thread that cancels the token: one byte makes the wake-up pipe readable for the poll.
    private static unsafe void WakeUp(PipeEnds wake)
    {
        byte one = 1;
        _ = DescriptorSyscalls.Write((int)wake.WriteEnd.DangerousGetHandle(), &one, 1);
    }

    /// <summary>Polls and handles what is ready until <paramref name="until"/> holds; false when <paramref name="deadline"/> passed first.</summary>
    private bool WaitUntil(Until until, Deadline deadline)
    {
        while (!Reached(until))
        {
            if (!_polls.Wait(deadline))
                return false;
            HandleReady();
        }
        return true;
    }

    private readonly bool Reached(Until until) => until switch
    {
        Until.ExitOrStop => _processesLeft == 0 || _stop.IsCancellationRequested,
        Until.Exit => _processesLeft == 0,
        Until.ExitAndEmptyCgroup => _processesLeft == 0 && (_cgroupEventsFile is null || _cgroupEmpty),
        _ => !_polls.IsWatched(_output) && !_polls.IsWatched(_error),
    };

    private void HandleReady()
    {
        IReadOnlyList<PidFd> processes = _running.Processes;
        for (int i = 0; i < processes.Count; i++)
        {
            // waitid(WNOHANG) reaps it; the status stays with the PidFd for the result.
            if (_polls.IsReady(i) && processes[i].TryWaitForExit(out _))
            {
                _polls.Remove(i);
                _processesLeft--;
            }
        }
        ReadReady(_output, _running.Pipes.Output, _reading?.Output);
        ReadReady(_error, _running.Pipes.Error, _reading?.Error);
        if (_polls.IsReady(_input))
            WriteInput();
        // The token was cancelled: the callers look at the stop token; the pipe stays readable, so it leaves the poll.
        if (_polls.IsReady(_wake))
            _polls.Remove(_wake);
        if (_polls.IsReady(_cgroupEvents) && _job.Cgroup!.IsEmpty(_cgroupEventsFile!))
        {
            _cgroupEmpty = true;
            _polls.Remove(_cgroupEvents);
        }
    }

    // The reads of a ready pipe straight into its sink's buffers, as OutputCapture's; at end of file
    // the pipe leaves the poll.
    private void ReadReady(int entry, ChildPipeStream? pipe, OutputSink? sink)
    {
        if (!_polls.IsReady(entry))
            return;
        var bytes = (CapturedBytes)sink!;
        if (OutputPolling.ReadAvailable(Descriptor(pipe!), ref bytes) == 0)
            _polls.Remove(entry);
    }

    // Writes what fits; the rest waits for POLLOUT. A stream is read (and may block: it is the caller's)
    // only once the previous piece was written. At the end, or at EPIPE, the pipe is closed.
    private void WriteInput()
    {
        ChildPipeStream pipe = _running.Pipes.Input!;
        try
        {
            while (true)
            {
                if (_pendingInput.IsEmpty && (_inputBuffer is null || (_pendingInput = ReadInputStream()).IsEmpty))
                {
                    CloseInput();
                    return;
                }
                int written = pipe.WriteAvailable(_pendingInput.Span);
                _pendingInput = _pendingInput[written..];
                if (!_pendingInput.IsEmpty)
                    return;
            }
        }
        catch (IOException error) when (InputWriter.IsClosedByReader(error))
        {
            CloseInput();
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The stream failed: as the asynchronous writer does, the job runs on without more input and
            // the verb throws this once the job ended.
            _inputFailure = ExceptionDispatchInfo.Capture(error);
            CloseInput();
        }
    }

    private readonly ReadOnlyMemory<byte> ReadInputStream()
    {
        int count = _job.Input.Stream!.Read(_inputBuffer!);
        return _inputBuffer.AsMemory(0, count);
    }

    // End of file for the job's stdin: this process's end of the pipe is closed.
    private void CloseInput()
    {
        if (_input < 0)
            return;
        _polls.Remove(_input);
        _input = -1;
        _pendingInput = default;
        _running.Pipes.Input!.Dispose();
    }

    /// <summary>The stop policy: its signal, then the grace period (still reading the output, and for a
    /// cgroup scope until the cgroup is empty), then SIGKILL; returns once every process is reaped, true
    /// when SIGKILL was needed. <see cref="RunningJob.StopAsync"/> is the same on the epoll reactor.</summary>
    private bool Stop()
    {
        StopTarget target = _running.Target;
        StopScope scope = target.Resolve(_job.Stop.Scope);
        target.Signal(scope, _job.Stop.Signal);
        bool killed = false;
        if (_job.Stop.Signal != Signals.SIGKILL)
        {
            if (scope == StopScope.Cgroup)
                WatchCgroup();
            if (!WaitUntil(Until.ExitAndEmptyCgroup, Deadline.After(_job.Stop.GracePeriod)))
            {
                killed = true;
                target.Signal(scope, Signals.SIGKILL);
            }
        }
        WaitUntil(Until.Exit, Deadline.Never);
        return killed;
    }

    private void WatchCgroup()
    {
        _cgroupEventsFile = _job.Cgroup!.OpenEvents();
        _cgroupEmpty = _job.Cgroup.IsEmpty(_cgroupEventsFile);
        if (!_cgroupEmpty)
            _cgroupEvents = _polls.Add((int)_cgroupEventsFile.DangerousGetHandle(), CgroupSyscalls.POLLPRI);
    }

    /// <summary>
    /// Reads the output until both pipes closed or <see cref="Job.OutputDrainTimeout"/> passed; then what
    /// is already in a pipe is still read, and later output is dropped (this process's end is closed with the job's pipes).
    /// </summary>
    private void Drain()
    {
        if (WaitUntil(Until.OutputEnd, Deadline.After(_job.OutputDrainTimeout)))
            return;
        ReadWhatIsInThePipe(_output, _running.Pipes.Output, _reading?.Output);
        ReadWhatIsInThePipe(_error, _running.Pipes.Error, _reading?.Error);
    }

    // Until the pipe is empty or ended, however many reads that takes (no poll follows).
    private readonly void ReadWhatIsInThePipe(int entry, ChildPipeStream? pipe, OutputSink? sink)
    {
        if (!_polls.IsWatched(entry))
            return;
        var bytes = (CapturedBytes)sink!;
        int fd = Descriptor(pipe!);
        while (bytes.ReadOnce(fd) > 0)
        {
        }
    }

    private void Dispose()
    {
        if (_inputBuffer is not null)
            ArrayPool<byte>.Shared.Return(_inputBuffer);
        _inputBuffer = null;
        _cgroupEventsFile?.Dispose();
    }
}
