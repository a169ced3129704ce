using System.Runtime.InteropServices;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>The libc calls only the reliability tests make: entering a pid namespace and the pid-based kill they contrast with pidfds.</summary>
internal static partial class LibC
{
    internal const int CLONE_NEWPID = 0x20000000;

    /// <summary>unshare(2). With CLONE_NEWPID only the calling thread's later children enter the new namespace.</summary>
    [LibraryImport(Library, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    /// <summary>kill(2): the pid-based signal a pidfd replaces.</summary>
    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
