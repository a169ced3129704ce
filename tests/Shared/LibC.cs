using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Spawn.Tests.Shared;

/// <summary>
/// The libc calls the tests make themselves, to set up what the runtime is checked against and to
/// look at the result without it (descriptors at chosen numbers, pseudo-terminals, limits, a pid
/// namespace, a seccomp filter, a reap by pid). The runtime under test is never used to prepare or
/// judge its own test. One copy for every test project (linked from tests/Shared); x86-64 and aarch64
/// Linux, glibc or musl ("libc" resolves to either).
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int F_DUPFD = 0;
    internal const int F_GETFD = 1;
    internal const int F_DUPFD_CLOEXEC = 1030;
    internal const int F_GETPIPE_SZ = 1032;
    internal const ulong FIONREAD = 0x541B;

    internal const int RLIMIT_NOFILE = 7;

    internal const int CLONE_NEWPID = 0x20000000;

    internal const int PR_SET_NO_NEW_PRIVS = 38;

    internal const int P_ALL = 0;
    internal const int P_PID = 1;
    internal const int P_PIDFD = 3;
    internal const int WNOHANG = 1;
    internal const int WEXITED = 4;
    internal const int WALL = 0x40000000;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        internal ulong Current;
        internal ulong Maximum;
    }

    /// <summary>
    /// The part of the kernel's siginfo_t a waitid caller reads, at the offsets of x86-64 and aarch64
    /// (si_signo, si_errno, si_code: errno before code, as in the kernel's generic layout); 128 bytes in all.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SigInfo
    {
        [FieldOffset(0)] internal int Signal;
        [FieldOffset(4)] internal int Errno;
        [FieldOffset(8)] internal int Code;
        [FieldOffset(16)] internal int Pid;
        [FieldOffset(24)] internal int Status;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, void* argument);

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "getpid")]
    internal static partial int GetPid();

    [LibraryImport(Library, EntryPoint = "gettid")]
    internal static partial int GetTid();

    [LibraryImport(Library, EntryPoint = "getuid")]
    internal static partial uint GetUid();

    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEUid();

    /// <summary>mkfifo(3): a named pipe whose open for reading blocks until a writer comes.</summary>
    [LibraryImport(Library, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkFifo(string path, uint mode);

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

    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    /// <summary>unshare(2). With CLONE_NEWPID only the calling thread's later children enter the new namespace.</summary>
    [LibraryImport(Library, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    /// <summary>kill(2): the pid-based signal a pidfd replaces.</summary>
    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary><c>sigaction(2)</c> over raw buffers of <see cref="SigActionSize"/> bytes: the handler is the
    /// first field in glibc and musl on x86-64 and aarch64, the rest is copied back unread.</summary>
    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    internal static partial int SigAction(int signal, byte* action, byte* oldAction);

    /// <summary>At least <c>sizeof(struct sigaction)</c> (152 bytes in glibc and musl).</summary>
    internal const int SigActionSize = 256;

    internal const nint SIG_IGN = 1;

    /// <summary>waitpid(2): a reap by pid, as a careless library or a SIGCHLD handler would do it.</summary>
    [LibraryImport(Library, EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Library, EntryPoint = "waitid", SetLastError = true)]
    internal static partial int WaitId(int idType, int id, SigInfo* info, int options);

    /// <summary>syscall(2); on x86-64 and aarch64 variadic integer arguments travel as fixed ones do, so unused ones are 0.</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long arg1, long arg2, long arg3, long arg4);

    private static bool IsArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>pidfd_open(2) (434 on both architectures): an independent pidfd of a child, to check what ours says.</summary>
    internal static int PidFdOpen(int pid) => (int)Syscall(434, pid, 0, 0, 0);

    /// <summary>
    /// The raw setresuid(2) system call: unlike libc's wrapper, which changes every thread of the
    /// process (setxid), it changes the calling thread's ids only.
    /// </summary>
    internal static int SetThreadResUid(uint real, uint effective, uint saved) =>
        (int)Syscall(IsArm64 ? 147 : 117, real, effective, saved, 0);

    /// <summary>The raw setresgid(2) system call, for the calling thread only.</summary>
    internal static int SetThreadResGid(uint real, uint effective, uint saved) =>
        (int)Syscall(IsArm64 ? 149 : 119, real, effective, saved, 0);

    /// <summary>The number of wait4(2), the system call glibc's and musl's waitpid make.</summary>
    internal static long Wait4SyscallNumber => IsArm64 ? 260 : 61;

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
