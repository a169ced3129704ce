using Spawn.Commands;

namespace Spawn.Specs;

/// <summary>
/// The spec's <see cref="StopPolicy"/>: how its child is stopped when its
/// <see cref="TimeoutAttribute"/> passes or its <see cref="CancellationToken"/> parameter is
/// cancelled: <see cref="Signal"/> to the <see cref="Scope"/> (<c>pidfd_send_signal</c>,
/// <c>kill(-pgid)</c>, or every process of the cgroup), then SIGKILL (<c>cgroup.kill</c> for a cgroup)
/// when something is still there after <see cref="GraceMilliseconds"/>. The method then throws
/// <see cref="JobStoppedException"/> saying which signal stopped the child.
/// </summary>
/// <remarks>
/// SPAWN0040 reports it on a spec with nothing to trigger it (no timeout and no token) or a form
/// that cannot enforce it; SPAWN0041 a <see cref="StopScope.ProcessGroup"/> scope without a process
/// group of the child's own (<see cref="ProcessGroupAttribute"/> or <see cref="NewSessionAttribute"/>);
/// SPAWN0042 a <see cref="StopScope.Cgroup"/> scope without <see cref="CgroupAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StopSignalAttribute : Attribute
{
    /// <summary>Stops the child with <paramref name="signal"/> first.</summary>
    /// <param name="signal">A signal number, 1 to 64 (<see cref="Signals"/>); SIGKILL skips the grace period.</param>
    public StopSignalAttribute(int signal) => Signal = signal;

    /// <summary>The first signal.</summary>
    public int Signal { get; }

    /// <summary>How long the child may take to end after <see cref="Signal"/> before SIGKILL: 5000 by
    /// default; <see cref="Timeout.Infinite"/> (-1) never escalates.</summary>
    public int GraceMilliseconds { get; set; } = 5000;

    /// <summary>Which processes are signalled: <see cref="StopScope.Job"/> (the default) is the
    /// cgroup when the spec has one, else the child's own process group when it leads one, else the child.</summary>
    public StopScope Scope { get; set; }
}
