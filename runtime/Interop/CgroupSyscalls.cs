using System.Runtime.InteropServices;
using Spawn.Cgroups;

namespace Spawn.Interop;

/// <summary>
/// The libc calls the <see cref="Cgroup"/> type makes on cgroup2 folders and their interface files
/// beyond those of <see cref="Libc"/> and <see cref="DescriptorSyscalls"/>: <c>mkdirat</c>, <c>unlinkat</c>
/// and <c>kill</c>. Every one sets errno (read it with <see cref="Errno.FromLastPInvokeError"/>).
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
}
