namespace Spawn.Commands;

/// <summary>
/// How a job is stopped when it times out, is cancelled or writes too much: <see cref="Signal"/>
/// (SIGTERM unless set) to the <see cref="Scope"/>, then, if the job is still there after
/// <see cref="GracePeriod"/>, SIGKILL (<c>cgroup.kill</c> for a cgroup scope). The same policy applies to
/// every verb (run, capture, stream) and to pipelines.
/// </summary>
public sealed record StopPolicy
{
    private readonly int _signal = Signals.SIGTERM;
    private readonly TimeSpan _gracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>SIGTERM, 5 seconds of grace, then SIGKILL, to the widest scope of the job.</summary>
    public static StopPolicy Default { get; } = new();

    /// <summary>SIGKILL at once, to the widest scope of the job: no grace.</summary>
    public static StopPolicy Kill { get; } = new() { Signal = Signals.SIGKILL, GracePeriod = TimeSpan.Zero };

    /// <summary>The first signal (SIGTERM by default; SIGINT is what an interactive Ctrl-C sends).</summary>
    /// <remarks>Each process of the job starts with this signal at <c>SIG_DFL</c>
    /// (<c>posix_spawnattr_setsigdefault</c>), even when this process ignores it, as a shell's background job
    /// ignores SIGINT: the child's own handler or the default action sees the stop.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Not a signal number (1 to 64).</exception>
    public int Signal
    {
        get => _signal;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Signals.SIGRTMAX);
            _signal = value;
        }
    }

    /// <summary>How long the job may take to end after <see cref="Signal"/> before SIGKILL.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>, which never escalates).</exception>
    public TimeSpan GracePeriod
    {
        get => _gracePeriod;
        init => _gracePeriod = JobTimeouts.Check(value, nameof(GracePeriod));
    }

    /// <summary>Which processes are signalled; <see cref="StopScope.Job"/> (the widest the job has) by default.</summary>
    public StopScope Scope { get; init; }
}
