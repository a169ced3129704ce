using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// Descriptor I/O beyond <see cref="Libc"/>: <c>pipe2</c>, <c>fcntl</c>, <c>write</c> and <c>pread</c>, for
/// the standard-stream pipes and the cgroup interface files. Every call sets errno.
/// </summary>
internal static unsafe partial class DescriptorSyscalls
{
    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;
    internal const int O_NONBLOCK = 0x800;
    internal const int F_SETPIPE_SZ = 1031;
    internal const short POLLOUT = 0x4;

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}
