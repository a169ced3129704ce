namespace Spawn.Forking;

/// <summary>
/// How <see cref="Fork"/> guards the fork: how long the parent waits for the child's first return
/// into managed code (a child forked while the runtime was suspending threads for a garbage
/// collection hangs there, having run nothing of the caller's), how many times it forks again, and
/// an optional deadline for the child to exec or exit.
/// </summary>
public readonly record struct ForkOptions
{
    /// <summary>The defaults: 200 ms per attempt, 50 attempts, a 30 s deadline, no exec deadline.</summary>
    public ForkOptions()
    {
    }

    /// <summary>How long the parent waits for the child's acknowledgement, from the moment the child
    /// returns into managed code (after the C core set it up); then the child is killed.</summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Children that may fail to acknowledge in time before the fork gives up with ETIMEDOUT;
    /// at least 1. Children that saw a GC suspension in progress and exited at once do not count:
    /// they are retried as soon as the suspension is over, until <see cref="Deadline"/>.</summary>
    public int MaxAttempts { get; init; } = 50;

    /// <summary>
    /// How long the whole call may take, from its start: the one-time preparation if
    /// <see cref="Fork.Prepare"/> was not called, the waits for garbage collections to end, every fork
    /// and acknowledgement. Then the call fails with ETIMEDOUT and a message naming what it was
    /// waiting for, and no child is left (a child being set up is killed and reaped). Must be positive.
    /// The preparation runs on the calling thread and looks at the deadline between its steps (binding
    /// one P/Invoke, compiling one method): a step under way is finished first, and the steps done are
    /// kept for the next call.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// If set, a child that has neither called exec nor exited this long after the fork is killed
    /// with SIGKILL; <see cref="ForkReport.Watchdog"/> says whether that happened.
    /// </summary>
    public TimeSpan? ExecDeadline { get; init; }
}
