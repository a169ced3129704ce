namespace Spawn;

/// <summary>
/// The <c>posix_spawnattr_setflags</c> bits, with glibc's values, plus the glibc patch set's
/// <c>POSIX_SPAWN_SETCGROUP</c>. <see cref="SpawnAttributes"/> sets them for you as you set its
/// properties; they are public for the low-level entry and for code ported from C.
/// </summary>
[Flags]
public enum SpawnFlags : uint
{
    /// <summary>No attribute.</summary>
    None = 0,
    /// <summary><c>POSIX_SPAWN_RESETIDS</c>: effective uid and gid become the real ones.</summary>
    ResetIds = 0x01,
    /// <summary><c>POSIX_SPAWN_SETPGROUP</c>: <c>setpgid(0, pgroup)</c>.</summary>
    SetProcessGroup = 0x02,
    /// <summary><c>POSIX_SPAWN_SETSIGDEF</c>: the listed signals go back to <c>SIG_DFL</c>.</summary>
    SetSignalDefault = 0x04,
    /// <summary><c>POSIX_SPAWN_SETSIGMASK</c>: the child starts with this signal mask.</summary>
    SetSignalMask = 0x08,
    /// <summary><c>POSIX_SPAWN_SETSCHEDPARAM</c>: <c>sched_setparam</c>.</summary>
    SetSchedulerParameter = 0x10,
    /// <summary><c>POSIX_SPAWN_SETSCHEDULER</c>: <c>sched_setscheduler</c>.</summary>
    SetScheduler = 0x20,
    /// <summary><c>POSIX_SPAWN_USEVFORK</c>: accepted for compatibility; every spawn is vfork-like.</summary>
    UseVfork = 0x40,
    /// <summary><c>POSIX_SPAWN_SETSID</c>: <c>setsid()</c>.</summary>
    SetSid = 0x80,
    /// <summary><c>POSIX_SPAWN_SETCGROUP</c> (the glibc patch set): the child is born in the cgroup (<c>CLONE_INTO_CGROUP</c>).</summary>
    SetCgroup = 0x100,
}
