using System.Runtime.InteropServices;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// The libc calls only the reliability tests make: entering a pid namespace, the pid-based kill they
/// contrast with pidfds, and changing the ids of one thread.
/// </summary>
internal static partial class LibC
{
    internal const int CLONE_NEWPID = 0x20000000;

    /// <summary>unshare(2). With CLONE_NEWPID only the calling thread's later children enter the new namespace.</summary>
    [LibraryImport(Library, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    /// <summary>kill(2): the pid-based signal a pidfd replaces.</summary>
    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>
    /// The raw setresuid(2) system call: unlike libc's wrapper, which changes every thread of the
    /// process (setxid), it changes the calling thread's ids only.
    /// </summary>
    internal static int SetThreadResUid(uint real, uint effective, uint saved) =>
        (int)SysCall3(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 147 : 117, real, effective, saved);

    /// <summary>The raw setresgid(2) system call, for the calling thread only.</summary>
    internal static int SetThreadResGid(uint real, uint effective, uint saved) =>
        (int)SysCall3(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 149 : 119, real, effective, saved);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long SysCall3(long number, long argument0, long argument1, long argument2);
}
