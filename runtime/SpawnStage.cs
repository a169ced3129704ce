namespace Spawn;

/// <summary>Where a spawn failed: <c>enum spawn_stage</c> of the C core, in the child's order.</summary>
public enum SpawnStage
{
    /// <summary>It did not fail.</summary>
    None = 0,
    /// <summary>In the parent: clone3 / clone, the child's stack, the support probes.</summary>
    Clone = 1,
    /// <summary>Resetting signal handlers (SETSIGDEF).</summary>
    Signals = 2,
    /// <summary>SETSCHEDULER / SETSCHEDPARAM.</summary>
    Scheduler = 3,
    /// <summary>SETSID.</summary>
    Session = 4,
    /// <summary>SETPGROUP.</summary>
    ProcessGroup = 5,
    /// <summary>RESETIDS.</summary>
    ResetIds = 6,
    /// <summary>A file action; the error says which.</summary>
    FileAction = 7,
    /// <summary>Setting the child's signal mask.</summary>
    SignalMask = 8,
    /// <summary>execve, or the PATH search.</summary>
    Exec = 9,
}

/// <summary>Why a clone-stage error happened where the errno alone would not say: <c>enum spawn_detail</c>.</summary>
public enum SpawnErrorDetail
{
    /// <summary>The errno says it all.</summary>
    None = 0,
    /// <summary>ENOSYS: <c>waitid(P_PIDFD)</c> is missing, the kernel predates 5.4.</summary>
    NoPidFd = 1,
    /// <summary>ENOTSUP: clone3 is missing, and only clone3 can place a child in a cgroup.</summary>
    NoClone3ForCgroup = 2,
    /// <summary>E2BIG: the kernel's clone3 predates <c>CLONE_INTO_CGROUP</c> (5.7).</summary>
    CgroupTooOld = 3,
    /// <summary>EOPNOTSUPP: the cgroup is threaded (or domain invalid); processes cannot be placed in it.</summary>
    CgroupThreaded = 4,
    /// <summary>EBADF: the cgroup descriptor is not open.</summary>
    CgroupDescriptor = 5,
}
