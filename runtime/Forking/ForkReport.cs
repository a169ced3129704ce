namespace Spawn.Forking;

/// <summary>What a fork took, in the parent: how many children were made and killed before one
/// acknowledged, and the exec watchdog if one was asked for.</summary>
public readonly record struct ForkReport
{
    /// <summary>Forks made; 1 when the first child came back into managed code in time.</summary>
    public int Attempts { get; init; }

    /// <summary>Children killed because they did not acknowledge in time (stuck at their first
    /// return into managed code, or dead before it).</summary>
    public int HungChildrenKilled { get; init; }

    /// <summary>Children that found their copy of the runtime in the middle of a GC suspension
    /// and exited at once, before returning into managed code (see <see cref="Fork"/>).</summary>
    public int SuspendedChildren { get; init; }

    /// <summary>The watchdog of <see cref="ForkOptions.ExecDeadline"/>, or null.</summary>
    public ExecWatchdog? Watchdog { get; init; }
}
