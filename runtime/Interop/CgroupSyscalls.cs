using System.Runtime.InteropServices;
using Spawn.Cgroups;

namespace Spawn.Interop;

/// <summary>
/// The libc calls the <see cref="Cgroup"/> type makes on cgroup2 folders and their interface files
/// beyond those of <see cref="Libc"/> and <see cref="DescriptorSyscalls"/>: <c>mkdirat</c>, <c>unlinkat</c>,
/// <c>kill</c>, and for the delegated setup <c>faccessat</c>, <c>fgetxattr</c> and <c>geteuid</c>. All but <c>geteuid</c> set errno (read it
/// with <see cref="Errno.FromLastPInvokeError"/>).
/// </summary>
internal static unsafe partial class CgroupSyscalls
{
    internal const int AT_REMOVEDIR = 0x200;
    internal const short POLLPRI = 0x2;

    /// <summary><c>f_type</c> of a cgroup2 file system (<c>CGROUP2_SUPER_MAGIC</c>).</summary>
    internal const long CGROUP2_SUPER_MAGIC = 0x63677270;

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    internal static partial int MkdirAt(int dirFd, byte* path, uint mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    internal static partial int UnlinkAt(int dirFd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary><c>mode</c> of <c>faccessat</c>: may the caller write.</summary>
    internal const int W_OK = 2;

    /// <summary><c>faccessat</c> flag: check with the effective ids, as the later write will (the same value as <see cref="AT_REMOVEDIR"/>).</summary>
    internal const int AT_EACCESS = 0x200;

    [LibraryImport("libc", EntryPoint = "faccessat", SetLastError = true)]
    internal static partial int FAccessAt(int dirFd, byte* path, int mode, int flags);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEUid();

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true)]
    internal static partial nint FGetXattr(int fd, byte* name, byte* value, nuint size);
}
