namespace Spawn.Commands;

/// <summary>Which processes a <see cref="StopPolicy"/> signals when it stops a job.</summary>
public enum StopScope
{
    /// <summary>The widest scope the job has: its cgroup when it was given one, else its process group
    /// when it has its own (every pipeline does), else its processes.</summary>
    Job = 0,

    /// <summary>The job's own processes (every pipeline stage), through their pidfds
    /// (<c>pidfd_send_signal</c>); their children are not signalled.</summary>
    Process = 1,

    /// <summary>The job's process group (<c>kill(-pgid, signal)</c>): the processes and any child that
    /// stayed in the group. Needs <see cref="Job.NewProcessGroup"/> for a single command.</summary>
    ProcessGroup = 2,

    /// <summary>The job's cgroup: every process in it, double-forked daemons included (each pid of
    /// <c>cgroup.procs</c> while the cgroup is frozen, then <c>cgroup.kill</c> for SIGKILL). Needs
    /// <see cref="Job.Cgroup"/>.</summary>
    Cgroup = 3,
}
