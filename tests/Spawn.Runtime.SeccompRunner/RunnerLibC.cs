using System.Runtime.InteropServices;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// The libc calls the runner makes itself: installing the filter, calling the refused system calls
/// directly to check the filter, and the pid-based kill and wait it falls back to where a pidfd call
/// is refused. The runtime under test is never used for these.
/// </summary>
internal static unsafe partial class RunnerLibC
{
    private const string Library = "libc";

    internal const int PR_SET_NO_NEW_PRIVS = 38;
    internal const int P_PID = 1;
    internal const int P_ALL = 0;
    internal const int WEXITED = 4;
    internal const int WNOHANG = 1;
    internal const int O_RDONLY = 0;

    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    /// <summary>syscall(2); on x86-64 and aarch64 variadic integer arguments travel as fixed ones do.</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long arg1, long arg2, long arg3, long arg4);

    [LibraryImport(Library, EntryPoint = "waitid", SetLastError = true)]
    internal static partial int WaitId(int idType, int id, SigInfo* info, int options);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>open(2) without O_CLOEXEC: a descriptor every child would inherit unless it is closed.</summary>
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, void* argument);

    /// <summary>The part of siginfo_t a waitid caller reads (128 bytes in all).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SigInfo
    {
        [FieldOffset(8)] internal int Code;
        [FieldOffset(16)] internal int Pid;
        [FieldOffset(24)] internal int Status;
    }

    /// <summary>The errno of a call that returned -1, as the runtime names it.</summary>
    internal static Errno LastError() => Errno.FromLastPInvokeError();

    /// <summary>waitid(P_PID, pid, WEXITED): reaps a child of ours by its pid, retrying EINTR.</summary>
    internal static ExitStatus WaitPid(int pid)
    {
        SigInfo info;
        while (WaitId(P_PID, pid, &info, WEXITED) != 0)
        {
            Errno error = LastError();
            if (error != Errno.EINTR)
                throw new InvalidOperationException($"waitid(P_PID, {pid}): {error}");
        }
        return ExitStatus.FromWaitid(info.Code, info.Status);
    }
}
