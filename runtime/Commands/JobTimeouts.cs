namespace Spawn.Commands;

/// <summary>The one check of every time span a job takes: zero or more, or infinite.</summary>
internal static class JobTimeouts
{
    internal static TimeSpan Check(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or more, or Timeout.InfiniteTimeSpan.");
        return value;
    }
}
