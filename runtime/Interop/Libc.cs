using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>Plain POSIX calls of the C library used around spawning and pidfds. Every call sets errno.</summary>
internal static unsafe partial class Libc
{
    internal const int AT_FDCWD = -100;
    internal const int RLIMIT_NOFILE = 7;
    internal const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        internal int Fd;
        internal short Events;
        internal short REvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        internal ulong Current;
        internal ulong Maximum;
    }

    /// <summary><c>struct statfs</c> of 64-bit Linux (120 bytes); only <c>f_type</c>, its first field, is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 120)]
    internal struct StatFs
    {
        [FieldOffset(0)] internal long Type;
    }

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    internal static partial int OpenAt(int dirFd, byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport("libc", EntryPoint = "fstatfs", SetLastError = true)]
    internal static partial int FStatFs(int fd, StatFs* buffer);
}
