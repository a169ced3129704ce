using System.Text;
using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// What a <see cref="Command"/> and a <see cref="Pipeline"/> share: an immutable, reusable
/// description of a job (change it with <c>with</c>), and the verbs that start it: <see cref="Run"/>
/// and <see cref="RunAsync"/> wait for it, <see cref="Capture"/> and <see cref="CaptureAsync"/> also
/// collect its output, <see cref="ReadLinesAsync"/> streams its output line by line. Each verb
/// starts new processes: a job can be run any number of times.
/// </summary>
/// <remarks>
/// <para><b>Processes.</b> Every process is born with its pidfd (the glibc patch set's
/// <c>pidfd_spawnp</c>, see <see cref="Spawner"/>), with <c>SIGPIPE</c> reset to its default (the .NET
/// runtime ignores it, and an ignored signal stays ignored across exec, so <c>yes | head -1</c> would
/// never end), in <see cref="Cgroup"/> from birth when one is given (<c>CLONE_INTO_CGROUP</c>).</para>
/// <para><b>Ending.</b> A verb returns once every process exited and was reaped, and its output pipes
/// are closed, or <see cref="OutputDrainTimeout"/> passed after the exit: a grandchild that keeps a pipe
/// open (<c>sh -c 'sleep 100 &amp; echo hi'</c>) does not hold the caller longer than that.</para>
/// <para><b>Stopping.</b> When <see cref="Timeout"/> passes, the caller's token is cancelled or the output
/// exceeds <see cref="MaxCapturedBytes"/>, the job is stopped by its <see cref="Stop"/> policy, every
/// process is reaped, and the verb throws <see cref="JobStoppedException"/> saying why and with which
/// signal. A token cancelled before the start throws <see cref="OperationCanceledException"/> and
/// starts nothing.</para>
/// <para><b>Errors.</b> A process that cannot be spawned throws the <see cref="SpawnException"/> of the
/// spawn (stage, path, errno; in a pipeline the operation names the stage, as in
/// <c>pipeline stage 2 of 3: exec "missing"</c>), after the processes already started were killed and reaped.
/// Nothing is left behind: no descriptor, no child.</para>
/// </remarks>
public abstract record Job
{
    private readonly StandardInput _input = StandardInput.Null;
    private readonly Encoding _encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly long _maxCapturedBytes = long.MaxValue;
    private readonly StopPolicy _stop = StopPolicy.Default;
    private readonly TimeSpan _timeout = System.Threading.Timeout.InfiniteTimeSpan;
    private readonly TimeSpan _outputDrainTimeout = OutputCapture.DrainTime;
    private readonly OutputRedirection _output;

    private protected Job()
    {
    }

    /// <summary>What the job reads on stdin; <see cref="StandardInput.Null"/> (<c>/dev/null</c>) by default.</summary>
    public StandardInput Input
    {
        get => _input;
        init => _input = value ?? throw new ArgumentNullException(nameof(Input));
    }

    /// <summary>Where stdout goes; <see cref="OutputRedirection.Default"/> leaves it to the verb.</summary>
    /// <exception cref="ArgumentException"><see cref="OutputRedirection.ToOutput"/> (only stderr can go there).</exception>
    public OutputRedirection Output
    {
        get => _output;
        init => _output = value != OutputRedirection.ToOutput ? value
            : throw new ArgumentException("Only stderr can go to stdout.", nameof(Output));
    }

    /// <summary>Where stderr goes; <see cref="OutputRedirection.Default"/> leaves it to the verb, and
    /// <see cref="OutputRedirection.ToOutput"/> merges it into stdout (<c>2&gt;&amp;1</c>).</summary>
    public OutputRedirection Error { get; init; }

    /// <summary>How text in and out is encoded; UTF-8 (without a byte order mark) by default.</summary>
    public Encoding Encoding
    {
        get => _encoding;
        init => _encoding = value ?? throw new ArgumentNullException(nameof(Encoding));
    }

    /// <summary>
    /// The most bytes <see cref="Capture"/> keeps from stdout and stderr together; a job that writes
    /// more is stopped (<see cref="StopReason.OutputLimit"/>) instead of filling this process's memory.
    /// Unlimited by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long MaxCapturedBytes
    {
        get => _maxCapturedBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxCapturedBytes = value;
        }
    }

    /// <summary>Throw <see cref="JobFailedException"/> (naming the command and the end of its stderr)
    /// when the job ends by itself without succeeding. Off by default: the result carries the status.</summary>
    public bool ThrowOnFailure { get; init; }

    /// <summary>
    /// The cgroup every process of the job is born in (<c>CLONE_INTO_CGROUP</c>, see
    /// <see cref="SpawnAttributes.Cgroup"/>); the stop policy then reaches the whole tree. The caller
    /// keeps it open while the job runs and owns it.
    /// </summary>
    public Cgroups.Cgroup? Cgroup { get; init; }

    /// <summary>Put the job in a new process group (<c>setpgid(0, 0)</c> in the child, as
    /// <see cref="SpawnAttributes.ProcessGroup"/> does); a pipeline always has one.</summary>
    public bool NewProcessGroup { get; init; }

    /// <summary>
    /// Kill the job's processes (SIGKILL) when this process dies: each asks for
    /// <c>prctl(PR_SET_PDEATHSIG, SIGKILL)</c>, and is spawned from one dedicated thread that lives as long
    /// as this process, since the kernel sends the signal when the spawning <em>thread</em> ends (a
    /// thread-pool thread retires when idle). The caller hands the spawn to that thread and waits for it.
    /// </summary>
    public bool KillOnParentExit { get; init; }

    /// <summary>How the job is stopped on timeout, cancellation or too much output; <see cref="StopPolicy.Default"/>
    /// (SIGTERM, 5 seconds, SIGKILL) unless set.</summary>
    public StopPolicy Stop
    {
        get => _stop;
        init => _stop = value ?? throw new ArgumentNullException(nameof(Stop));
    }

    /// <summary>How long the job may run before it is stopped; infinite by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>).</exception>
    public TimeSpan Timeout
    {
        get => _timeout;
        init => _timeout = JobTimeouts.Check(value, nameof(Timeout));
    }

    /// <summary>
    /// How long the output is still read after every process exited, for a grandchild that inherited
    /// a pipe and keeps it open: one second by default; <see cref="TimeSpan.Zero"/> stops at the exit
    /// (what the job wrote before it exited is still read), <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// waits until the pipes close, as a shell's <c>$(...)</c> does. What comes later is dropped, and
    /// the writer gets EPIPE.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than infinite).</exception>
    public TimeSpan OutputDrainTimeout
    {
        get => _outputDrainTimeout;
        init => _outputDrainTimeout = JobTimeouts.Check(value, nameof(OutputDrainTimeout));
    }

    /// <summary>The processes to start, in pipeline order.</summary>
    internal abstract IReadOnlyList<Command> Processes { get; }

    /// <summary>Runs the job, its stdout and stderr going to this process's own (unless redirected),
    /// and waits for it on the calling thread: <c>pidfd_spawnp</c> per process (one <c>clone3</c>, the file
    /// actions, <c>execve</c>), then one <c>poll</c> over the pidfds (readable once the process exited, then
    /// <c>waitid(P_PIDFD)</c> reaps it), the stdin pipe and, when the token can be cancelled, a pipe its
    /// cancellation writes to; the timeout and the stop policy's grace period are the poll's deadlines.
    /// No thread-pool thread or timer is used; prefer <see cref="RunAsync"/> in async code.</summary>
    /// <param name="cancellationToken">Stops the job with its <see cref="Stop"/> policy.</param>
    /// <exception cref="SpawnException">A process could not be spawned (clone: EAGAIN, ENOMEM; a file
    /// action: ENOENT for a missing stdin file or working directory; exec: ENOENT, EACCES, ENOEXEC; in a
    /// pipeline <see cref="SpawnException.PipelineStage"/> says which stage), or <c>pipe2</c> failed
    /// (EMFILE, ENFILE), or <c>poll</c> failed (ENOMEM).</exception>
    /// <exception cref="ArgumentException">The stdin stream can no longer be read.</exception>
    /// <exception cref="InvalidOperationException">The stop policy's scope is one the job does not have.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the start: nothing was started.</exception>
    /// <exception cref="JobStoppedException">The job timed out or was cancelled, and was stopped.</exception>
    /// <exception cref="JobFailedException">With <see cref="ThrowOnFailure"/>: the job did not succeed.</exception>
    public JobResult Run(CancellationToken cancellationToken = default) =>
        PolledJob.Execute(this, capture: false, cancellationToken);

    /// <summary>Runs the job as <see cref="Run"/> does, waiting on the epoll reactor without blocking a thread.</summary>
    /// <inheritdoc cref="Run" path="/param"/>
    /// <inheritdoc cref="Run" path="/exception"/>
    public async Task<JobResult> RunAsync(CancellationToken cancellationToken = default) =>
        await JobExecution.ExecuteAsync(this, JobExecution.Mode.Run, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the job, collecting its stdout and stderr (read at once from both, so neither can
    /// fill up and stall the job), and waits for it, all on the calling thread: the output pipes are read
    /// (<c>read</c>) as the same <c>poll</c> as <see cref="Run"/>'s finds them readable.</summary>
    /// <inheritdoc cref="Run" path="/param"/>
    /// <inheritdoc cref="Run" path="/exception"/>
    public JobOutput Capture(CancellationToken cancellationToken = default) =>
        (JobOutput)PolledJob.Execute(this, capture: true, cancellationToken);

    /// <summary>Runs the job as <see cref="Capture"/> does, without blocking a thread.</summary>
    /// <inheritdoc cref="Run" path="/param"/>
    /// <inheritdoc cref="Run" path="/exception"/>
    public async Task<JobOutput> CaptureAsync(CancellationToken cancellationToken = default) =>
        (JobOutput)await JobExecution.ExecuteAsync(this, JobExecution.Mode.Capture, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Starts the job when enumerated and yields its stdout and stderr line by line, in the order the
    /// lines arrive. A slow consumer pauses the job: at most a few hundred lines wait in between, then
    /// the pipes fill and the job blocks in <c>write</c>. Leaving the loop early stops the job with its
    /// <see cref="Stop"/> policy. The job's <see cref="JobResult"/> is <see cref="OutputLines.Result"/> once the loop ended.
    /// </summary>
    /// <inheritdoc cref="Run" path="/param"/>
    /// <inheritdoc cref="Run" path="/exception"/>
    public OutputLines ReadLinesAsync(CancellationToken cancellationToken = default) => new(this, cancellationToken);

    /// <summary>Fails before anything starts when the job cannot be run as described.</summary>
    internal void Validate()
    {
        Input.CheckUsable();
        StopScope scope = Stop.Scope;
        if (scope == StopScope.Cgroup && Cgroup is null)
            throw new InvalidOperationException($"The stop policy signals the job's cgroup, but {this} has no Cgroup.");
        if (scope == StopScope.ProcessGroup && !HasOwnProcessGroup)
            throw new InvalidOperationException($"The stop policy signals the job's process group, but {this} has no NewProcessGroup.");
    }

    /// <summary>Whether the job's processes share a new process group.</summary>
    internal bool HasOwnProcessGroup => NewProcessGroup || Processes.Count > 1;

    /// <summary>The name of the first job-level setting that differs from its default, or null.</summary>
    internal string? FirstJobSetting() =>
        !ReferenceEquals(Input, StandardInput.Null) ? nameof(Input)
        : Output != OutputRedirection.Default ? nameof(Output)
        : Error != OutputRedirection.Default ? nameof(Error)
        : MaxCapturedBytes != long.MaxValue ? nameof(MaxCapturedBytes)
        : ThrowOnFailure ? nameof(ThrowOnFailure)
        : Cgroup is not null ? nameof(Cgroup)
        : NewProcessGroup ? nameof(NewProcessGroup)
        : KillOnParentExit ? nameof(KillOnParentExit)
        : !ReferenceEquals(Stop, StopPolicy.Default) ? nameof(Stop)
        : Timeout != System.Threading.Timeout.InfiniteTimeSpan ? nameof(Timeout)
        : OutputDrainTimeout != TimeSpan.FromSeconds(1) ? nameof(OutputDrainTimeout)
        : null;
}
