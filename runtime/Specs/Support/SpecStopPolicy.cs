using System.ComponentModel;
using Spawn.Cgroups;
using Spawn.Commands;

namespace Spawn.Specs.Support;

/// <summary>
/// The stop policy of a generated <see cref="SpawnSpecAttribute"/> method with
/// <see cref="TimeoutAttribute"/> or <see cref="StopSignalAttribute"/>, as constants (a value, so
/// that a wait that is never stopped allocates no <see cref="StopPolicy"/>); not meant to be built by hand.
/// </summary>
/// <param name="signal">The first signal.</param>
/// <param name="graceMilliseconds">The grace period before SIGKILL; -1 never escalates.</param>
/// <param name="scope">The scope, already resolved by the generator (never <see cref="StopScope.Job"/>).</param>
/// <param name="processGroup">The process group of a <see cref="StopScope.ProcessGroup"/> scope; 0 when the
/// child leads its own (its pid).</param>
/// <param name="cgroup">The cgroup of a <see cref="StopScope.Cgroup"/> scope (from <see cref="SpecStop.OpenCgroup"/>),
/// owned by the wait it is given to; null otherwise.</param>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SpecStopPolicy(int signal, int graceMilliseconds, StopScope scope, int processGroup, Cgroup? cgroup)
{
    /// <summary>The first signal.</summary>
    public int Signal { get; } = signal;

    /// <summary>The cgroup of a cgroup scope, or null.</summary>
    public Cgroup? Cgroup { get; } = cgroup;

    internal StopPolicy ToPolicy() => new()
    {
        Signal = Signal,
        GracePeriod = graceMilliseconds == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(graceMilliseconds),
        Scope = scope,
    };

    internal StopTarget TargetOf(PidFd child) =>
        new([child], scope == StopScope.ProcessGroup ? (processGroup != 0 ? processGroup : child.Pid) : 0, Cgroup);
}
