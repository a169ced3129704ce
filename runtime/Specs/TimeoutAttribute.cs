namespace Spawn.Specs;

/// <summary>
/// How long the child of a waiting spec may run (<c>ExitStatus</c>, <c>CapturedOutput</c> and their
/// <c>ValueTask</c> forms): when it passes, the spec's stop policy runs
/// (<see cref="StopSignalAttribute"/>, or SIGTERM, 5 seconds of grace, then SIGKILL) and the method
/// throws <see cref="Commands.JobStoppedException"/> with <see cref="Commands.StopReason.Timeout"/>,
/// as the runtime's <see cref="Commands.Job.Timeout"/> does. The synchronous forms wait with
/// <c>poll</c> on the pidfd or the pipes, the <c>ValueTask</c> forms on the epoll reactor. A
/// <c>CapturedOutput</c> form whose child ended in time but whose pipes another process still holds
/// (a grandchild) stops nothing: at the timeout its reads get one more second, then it returns.
/// </summary>
/// <remarks>
/// A spec with <c>[Timeout]</c> or <c>[StopSignal]</c> also runs the policy when its
/// <see cref="CancellationToken"/> parameter is cancelled (<see cref="Commands.StopReason.Canceled"/>),
/// and throws <see cref="OperationCanceledException"/> before spawning when the token is cancelled
/// already. A <c>{parameter}</c> timeout that is negative (other than
/// <see cref="Timeout.InfiniteTimeSpan"/>) throws <see cref="ArgumentOutOfRangeException"/> before
/// anything is spawned. SPAWN0040 reports it on a form that cannot enforce it (<c>PidFd</c>,
/// <c>int</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TimeoutAttribute : Attribute
{
    /// <summary>A constant timeout.</summary>
    /// <param name="milliseconds">Zero or more; <see cref="Timeout.Infinite"/> (-1) for none (the policy then serves the token only).</param>
    public TimeoutAttribute(int milliseconds) => Milliseconds = milliseconds;

    /// <summary>The timeout given by a <see cref="TimeSpan"/> <c>{parameter}</c>.</summary>
    /// <param name="source">The <c>{parameter}</c>.</param>
    public TimeoutAttribute(string source) => Source = source;

    /// <summary>The constant timeout in milliseconds.</summary>
    public int Milliseconds { get; }

    /// <summary>The <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }
}
