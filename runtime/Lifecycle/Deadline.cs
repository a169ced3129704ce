using System.Diagnostics;

namespace Spawn.Lifecycle;

/// <summary>
/// A point in time for a blocking wait (a <see cref="Stopwatch"/> timestamp), turned into the
/// milliseconds <c>poll</c> takes each time it is retried, so that an EINTR or a spurious wake-up
/// never stretches the wait.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _timestamp;

    private Deadline(long timestamp) => _timestamp = timestamp;

    /// <summary>No deadline: <see cref="RemainingMilliseconds"/> is -1, which <c>poll</c> takes as "for ever".</summary>
    internal static Deadline Never => new(long.MaxValue);

    /// <summary><paramref name="timeout"/> from now; <see cref="Timeout.InfiniteTimeSpan"/> is <see cref="Never"/>.</summary>
    internal static Deadline After(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? Never
        : new(Stopwatch.GetTimestamp() + (long)(Math.Max(timeout.TotalSeconds, 0) * Stopwatch.Frequency));

    /// <summary>The milliseconds left, rounded up (0 once passed), or -1 for <see cref="Never"/>.</summary>
    internal int RemainingMilliseconds => _timestamp == long.MaxValue ? -1
        : (int)Math.Clamp(Math.Ceiling(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _timestamp).TotalMilliseconds), 0, int.MaxValue);

    /// <summary>The time left (zero once passed), or <see cref="Timeout.InfiniteTimeSpan"/> for <see cref="Never"/>.</summary>
    internal TimeSpan Remaining => _timestamp == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(RemainingMilliseconds);
}
