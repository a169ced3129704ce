using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// The few libc calls the tests make themselves, to set up what a spawn is checked against
/// (descriptors at chosen numbers, pseudo-terminals, limits). The runtime under test is never
/// used to prepare its own test.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int F_GETFD = 1;
    internal const int F_DUPFD_CLOEXEC = 1030;

    internal const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        internal ulong Current;
        internal ulong Maximum;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "getpid")]
    internal static partial int GetPid();

    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEUid();

    [LibraryImport(Library, EntryPoint = "setxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetXattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Library, EntryPoint = "getpgrp")]
    internal static partial int GetPgrp();

    [LibraryImport(Library, EntryPoint = "getsid", SetLastError = true)]
    internal static partial int GetSid(int pid);

    [LibraryImport(Library, EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport(Library, EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int SetRLimit(int resource, RLimit* limit);

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenPt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int GrantPt(int fd);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int UnlockPt(int fd);

    [LibraryImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
    internal static partial int PtsNameR(int fd, byte* buffer, nint length);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial int SysCall(long number, int argument0, uint argument1);

    /// <summary>pidfd_open(2): an independent pidfd of a child, to check what ours says.</summary>
    internal static int PidFdOpen(int pid) => SysCall(434, pid, 0);

    /// <summary>True when <paramref name="fd"/> is an open descriptor of this process.</summary>
    internal static bool IsOpen(int fd) => Fcntl(fd, F_GETFD, 0) != -1;

    /// <summary>The lowest descriptor number above <paramref name="fd"/> that is not open here.</summary>
    internal static int FirstClosedAbove(int fd)
    {
        int candidate = fd + 1;
        while (IsOpen(candidate))
        {
            candidate++;
        }

        return candidate;
    }

    /// <summary>Opens <paramref name="path"/> with exactly <paramref name="flags"/> (no O_CLOEXEC added), owned by the handle.</summary>
    internal static SafeFileHandle OpenOwned(string path, int flags, int mode = 0) =>
        new(Check(Open(path, flags, mode), "open " + path), ownsHandle: true);

    internal static int Check(int result, string what) =>
        result >= 0 ? result : throw new InvalidOperationException($"{what}: errno {Marshal.GetLastPInvokeError()}");
}
