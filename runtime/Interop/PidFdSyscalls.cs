using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// The pidfd system calls. glibc wraps pidfd_open, pidfd_send_signal and pidfd_getfd only from 2.36
/// and musl not at all, so they go through <c>syscall(2)</c>; their numbers (424-438) are the same
/// on every architecture since Linux 5.1. <c>waitid</c> and <c>ioctl</c> are libc's, which pass
/// <c>P_PIDFD</c> and the pidfs ioctls through unchanged. Every call sets errno.
/// </summary>
/// <remarks>
/// <c>syscall</c> and <c>ioctl</c> are variadic in C. On x86-64 and aarch64 Linux, integer and
/// pointer arguments of a variadic call travel in the same registers as fixed ones, so these
/// fixed-argument declarations call them correctly.
/// </remarks>
internal static unsafe partial class PidFdSyscalls
{
    internal const long SYS_pidfd_send_signal = 424;
    internal const long SYS_pidfd_open = 434;
    internal const long SYS_pidfd_getfd = 438;

    internal const int P_PIDFD = 3;
    internal const int WEXITED = 4;
    internal const int WNOHANG = 1;
    internal const int WNOWAIT = 0x01000000;
    internal const int WALL = 0x40000000;

    /// <summary><c>PIDFD_GET_INFO</c> = <c>_IOWR(0xFF, 11, struct pidfd_info)</c> for the 64-byte first version.</summary>
    internal const ulong PIDFD_GET_INFO = (3UL << 30) | ((ulong)PidFdInfo.Size << 16) | (0xFFUL << 8) | 11;

    /// <summary><c>f_type</c> of pidfs (Linux 6.9+), where every pidfd lives.</summary>
    internal const long PID_FS_MAGIC = 0x50494446;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long arg1, long arg2, long arg3, long arg4);

    /// <summary><c>pidfd_open(pid, 0)</c>: a new O_CLOEXEC pidfd, or -1.</summary>
    internal static int PidFdOpen(int pid) => (int)Syscall(SYS_pidfd_open, pid, 0, 0, 0);

    /// <summary><c>pidfd_send_signal(pidfd, signal, NULL, 0)</c>: 0 or -1.</summary>
    internal static int PidFdSendSignal(int pidfd, int signal) => (int)Syscall(SYS_pidfd_send_signal, pidfd, signal, 0, 0);

    /// <summary><c>pidfd_getfd(pidfd, targetfd, 0)</c>: a new O_CLOEXEC descriptor, or -1.</summary>
    internal static int PidFdGetFd(int pidfd, int targetFd) => (int)Syscall(SYS_pidfd_getfd, pidfd, targetFd, 0, 0);

    /// <summary><c>waitid(idtype, id, info, options)</c>: 0 or -1.</summary>
    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static partial int WaitId(int idType, int id, SigInfo* info, int options);

    /// <summary><c>ioctl(fd, PIDFD_GET_INFO, info)</c>: 0 or -1.</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlPidFdInfo(int fd, ulong request, PidFdInfo* info);
}
