namespace Spawn.Specs;

/// <summary>
/// Attributes <c>POSIX_SPAWN_SETSCHEDPARAM</c> and <c>POSIX_SPAWN_SETSCHEDULER</c>
/// (<c>posix_spawnattr_setschedparam</c> / <c>setschedpolicy</c>): the child's scheduling
/// (errors: EINVAL, EPERM, stage <see cref="SpawnStage.Scheduler"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SchedulerAttribute : Attribute
{
    /// <summary>Sets the priority only (<c>sched_setparam</c>).</summary>
    /// <param name="priority">The static priority of the current policy.</param>
    public SchedulerAttribute(int priority)
    {
        Priority = priority;
        Policy = -1;
    }

    /// <summary>Sets policy and priority (<c>sched_setscheduler</c>).</summary>
    /// <param name="policy"><c>SCHED_OTHER</c> 0, <c>SCHED_FIFO</c> 1, <c>SCHED_RR</c> 2, <c>SCHED_BATCH</c> 3, <c>SCHED_IDLE</c> 5.</param>
    /// <param name="priority">The static priority (0 for the non-real-time policies).</param>
    public SchedulerAttribute(int policy, int priority)
    {
        Policy = policy;
        Priority = priority;
    }

    /// <summary>The policy, or -1 to keep the current one.</summary>
    public int Policy { get; }

    /// <summary>The priority.</summary>
    public int Priority { get; }
}
