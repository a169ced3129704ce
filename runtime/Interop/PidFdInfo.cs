using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// <c>struct pidfd_info</c> of <c>linux/pidfd.h</c> in its first version (<c>PIDFD_INFO_SIZE_VER0</c>,
/// 64 bytes), the argument of the <c>PIDFD_GET_INFO</c> ioctl (Linux 6.13+). The kernel copies out
/// only the bytes the caller's size names, so the later fields (coredump mask, ...) are left out.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct PidFdInfo
{
    internal const int Size = 64;

    /// <summary>Always answered: the pid in the caller's pid namespace, tgid, ppid.</summary>
    internal const ulong PIDFD_INFO_PID = 1UL << 0;
    /// <summary>The real, effective, saved and file-system user and group ids.</summary>
    internal const ulong PIDFD_INFO_CREDS = 1UL << 1;
    /// <summary>The id of the process's cgroup2 cgroup (the inode number of its folder).</summary>
    internal const ulong PIDFD_INFO_CGROUPID = 1UL << 2;
    /// <summary>Linux 6.15+: the exit status, kept after the process was reaped.</summary>
    internal const ulong PIDFD_INFO_EXIT = 1UL << 3;

    /// <summary>In: what the caller asks for; out: what the kernel answered.</summary>
    [FieldOffset(0)] internal ulong Mask;
    [FieldOffset(8)] internal ulong CgroupId;
    [FieldOffset(16)] internal int Pid;
    [FieldOffset(20)] internal int Tgid;
    [FieldOffset(24)] internal int PPid;
    [FieldOffset(28)] internal uint RUid;
    [FieldOffset(32)] internal uint RGid;
    [FieldOffset(36)] internal uint EUid;
    [FieldOffset(40)] internal uint EGid;
    [FieldOffset(44)] internal uint SUid;
    [FieldOffset(48)] internal uint SGid;
    [FieldOffset(52)] internal uint FsUid;
    [FieldOffset(56)] internal uint FsGid;
    /// <summary>The wait status (<c>WIFEXITED</c> / <c>WTERMSIG</c> encoding) when Mask has PIDFD_INFO_EXIT.</summary>
    [FieldOffset(60)] internal int ExitCode;
}
