using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// <c>epoll_create1</c>, <c>epoll_ctl</c> and <c>epoll_wait</c>. <c>struct epoll_event</c> is packed
/// (12 bytes) on x86-64 and naturally aligned (16 bytes) elsewhere, so the reactor reads the returned
/// events through <see cref="EventSize"/> and <see cref="DataOffset"/> instead of a fixed struct.
/// </summary>
internal static unsafe partial class Epoll
{
    internal const int EPOLL_CLOEXEC = 0x80000;
    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const int EPOLL_CTL_MOD = 3;
    internal const uint EPOLLIN = 0x1;
    internal const uint EPOLLPRI = 0x2;
    internal const uint EPOLLOUT = 0x4;
    internal const uint EPOLLONESHOT = 1u << 30;

    /// <summary>The size of one <c>struct epoll_event</c> on this architecture.</summary>
    internal static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>The offset of the 64-bit <c>data</c> field in <c>struct epoll_event</c>.</summary>
    internal static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int Control(int epollFd, int operation, int fd, byte* epollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int Wait(int epollFd, byte* events, int maxEvents, int timeoutMilliseconds);

    /// <summary><c>epoll_ctl</c> with an event built for this architecture's layout.</summary>
    internal static int Control(int epollFd, int operation, int fd, uint events, ulong data)
    {
        byte* epollEvent = stackalloc byte[16];
        *(uint*)epollEvent = events;
        Unsafe.WriteUnaligned(epollEvent + DataOffset, data);
        return Control(epollFd, operation, fd, epollEvent);
    }
}
