namespace Spawn.Sandboxing;

/// <summary>The capabilities of <c>linux/capability.h</c>: the value is the capability number (bit n of a set).</summary>
public enum Capability
{
    /// <summary><c>CAP_CHOWN</c>.</summary>
    Chown = 0,
    /// <summary><c>CAP_DAC_OVERRIDE</c>.</summary>
    DacOverride = 1,
    /// <summary><c>CAP_DAC_READ_SEARCH</c>.</summary>
    DacReadSearch = 2,
    /// <summary><c>CAP_FOWNER</c>.</summary>
    Fowner = 3,
    /// <summary><c>CAP_FSETID</c>.</summary>
    Fsetid = 4,
    /// <summary><c>CAP_KILL</c>.</summary>
    Kill = 5,
    /// <summary><c>CAP_SETGID</c>.</summary>
    Setgid = 6,
    /// <summary><c>CAP_SETUID</c>.</summary>
    Setuid = 7,
    /// <summary><c>CAP_SETPCAP</c>.</summary>
    Setpcap = 8,
    /// <summary><c>CAP_LINUX_IMMUTABLE</c>.</summary>
    LinuxImmutable = 9,
    /// <summary><c>CAP_NET_BIND_SERVICE</c>.</summary>
    NetBindService = 10,
    /// <summary><c>CAP_NET_BROADCAST</c>.</summary>
    NetBroadcast = 11,
    /// <summary><c>CAP_NET_ADMIN</c>.</summary>
    NetAdmin = 12,
    /// <summary><c>CAP_NET_RAW</c>.</summary>
    NetRaw = 13,
    /// <summary><c>CAP_IPC_LOCK</c>.</summary>
    IpcLock = 14,
    /// <summary><c>CAP_IPC_OWNER</c>.</summary>
    IpcOwner = 15,
    /// <summary><c>CAP_SYS_MODULE</c>.</summary>
    SysModule = 16,
    /// <summary><c>CAP_SYS_RAWIO</c>.</summary>
    SysRawio = 17,
    /// <summary><c>CAP_SYS_CHROOT</c>.</summary>
    SysChroot = 18,
    /// <summary><c>CAP_SYS_PTRACE</c>.</summary>
    SysPtrace = 19,
    /// <summary><c>CAP_SYS_PACCT</c>.</summary>
    SysPacct = 20,
    /// <summary><c>CAP_SYS_ADMIN</c>.</summary>
    SysAdmin = 21,
    /// <summary><c>CAP_SYS_BOOT</c>.</summary>
    SysBoot = 22,
    /// <summary><c>CAP_SYS_NICE</c>.</summary>
    SysNice = 23,
    /// <summary><c>CAP_SYS_RESOURCE</c>.</summary>
    SysResource = 24,
    /// <summary><c>CAP_SYS_TIME</c>.</summary>
    SysTime = 25,
    /// <summary><c>CAP_SYS_TTY_CONFIG</c>.</summary>
    SysTtyConfig = 26,
    /// <summary><c>CAP_MKNOD</c>.</summary>
    Mknod = 27,
    /// <summary><c>CAP_LEASE</c>.</summary>
    Lease = 28,
    /// <summary><c>CAP_AUDIT_WRITE</c>.</summary>
    AuditWrite = 29,
    /// <summary><c>CAP_AUDIT_CONTROL</c>.</summary>
    AuditControl = 30,
    /// <summary><c>CAP_SETFCAP</c>.</summary>
    Setfcap = 31,
    /// <summary><c>CAP_MAC_OVERRIDE</c>.</summary>
    MacOverride = 32,
    /// <summary><c>CAP_MAC_ADMIN</c>.</summary>
    MacAdmin = 33,
    /// <summary><c>CAP_SYSLOG</c>.</summary>
    Syslog = 34,
    /// <summary><c>CAP_WAKE_ALARM</c>.</summary>
    WakeAlarm = 35,
    /// <summary><c>CAP_BLOCK_SUSPEND</c>.</summary>
    BlockSuspend = 36,
    /// <summary><c>CAP_AUDIT_READ</c>.</summary>
    AuditRead = 37,
    /// <summary><c>CAP_PERFMON</c>.</summary>
    Perfmon = 38,
    /// <summary><c>CAP_BPF</c>.</summary>
    Bpf = 39,
    /// <summary><c>CAP_CHECKPOINT_RESTORE</c>.</summary>
    CheckpointRestore = 40,
}
