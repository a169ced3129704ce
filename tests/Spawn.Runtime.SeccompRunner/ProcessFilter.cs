using Spawn.Sandboxing;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// Installs on this process a seccomp filter that makes one system call fail with a chosen errno
/// (optionally only when the low 32 bits of one argument have a given value) and allows every other
/// call. The program is the runtime's own (<see cref="SeccompFilter"/>); only the installation
/// differs: here it covers the runner itself instead of a spawned child.
/// </summary>
/// <remarks>
/// Installed without <c>SECCOMP_FILTER_FLAG_TSYNC</c>: it covers the calling thread and every
/// thread and process that thread starts later, not the runtime's threads that already run. glibc's
/// <c>pthread_create</c> falls back from clone3 to clone only on ENOSYS, so a process-wide clone3
/// EPERM or EINVAL would stop the .NET runtime from starting threads of its own.
/// </remarks>
internal static unsafe class ProcessFilter
{
    private const int SECCOMP_SET_MODE_FILTER = 1;

    private struct SockFprog
    {
        public ushort Length;
        public byte* Filter;
    }

    /// <summary>
    /// prctl(PR_SET_NO_NEW_PRIVS) and seccomp(SECCOMP_SET_MODE_FILTER) for <paramref name="call"/>,
    /// answering <paramref name="errno"/>; throws with the errno if the kernel refuses the filter.
    /// </summary>
    public static void Install(RefusedCall call, Errno errno)
    {
        var rule = new SeccompRule(call.Syscall, SeccompAction.Error(errno))
        {
            ArgumentIndex = call.ArgumentIndex,
            ArgumentValue = call.ArgumentValue,
        };
        byte[] program = SeccompFilter.Compile([rule], SeccompAction.Allow, SeccompFilter.Native);

        if (LibC.Prctl(LibC.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_NO_NEW_PRIVS): {Errno.FromLastPInvokeError()}");
        fixed (byte* filter = program)
        {
            SockFprog prog = new() { Length = (ushort)(program.Length / 8), Filter = filter };
            if (LibC.Syscall(SyscallTable.Seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog, 0) != 0)
                throw new InvalidOperationException($"seccomp(SECCOMP_SET_MODE_FILTER): {Errno.FromLastPInvokeError()}");
        }
    }
}
