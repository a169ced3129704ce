using System.Runtime.InteropServices;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// A seccomp filter that makes one system call fail with a chosen errno (optionally only when the
/// low 32 bits of one argument have a given value) and allows every other call.
/// </summary>
/// <remarks>
/// Installed without <c>SECCOMP_FILTER_FLAG_TSYNC</c>: it covers the calling thread and every
/// thread and process that thread starts later, not the runtime's threads that already run. glibc's
/// <c>pthread_create</c> falls back from clone3 to clone only on ENOSYS, so a process-wide clone3
/// EPERM or EINVAL would stop the .NET runtime from starting threads of its own.
/// </remarks>
internal static unsafe class SeccompFilter
{
    private const int SECCOMP_SET_MODE_FILTER = 1;
    private const uint SECCOMP_RET_ALLOW = 0x7fff0000;
    private const uint SECCOMP_RET_ERRNO = 0x00050000;

    private const ushort BPF_LD_W_ABS = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort BPF_JEQ_K = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort BPF_RET_K = 0x06;      // BPF_RET | BPF_K

    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
    private const uint NumberOffset = 0;
    private const uint ArchOffset = 4;
    private const uint ArgumentsOffset = 16;

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFilter
    {
        public ushort Code;
        public byte JumpIfTrue;
        public byte JumpIfFalse;
        public uint Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }

    /// <summary>
    /// prctl(PR_SET_NO_NEW_PRIVS) and seccomp(SECCOMP_SET_MODE_FILTER) for <paramref name="call"/>,
    /// answering <paramref name="errno"/>; throws with the errno if the kernel refuses the filter.
    /// </summary>
    public static void Install(RefusedCall call, Errno errno)
    {
        var program = new List<SockFilter>
        {
            Load(ArchOffset),
            JumpToAllowUnless(SyscallTable.AuditArch),
            Load(NumberOffset),
            JumpToAllowUnless(call.Number),
        };
        if (call.ArgumentIndex is int index)
        {
            // The low half (both architectures are little-endian): the kernel reads idtype (an int)
            // and an ioctl's request (an unsigned int) from the low 32 bits of the register.
            program.Add(Load(ArgumentsOffset + (uint)index * 8));
            program.Add(JumpToAllowUnless(call.ArgumentValue));
        }
        program.Add(Return(SECCOMP_RET_ERRNO | (uint)errno.Value));
        program.Add(Return(SECCOMP_RET_ALLOW));
        // Every "unless" jumps to the last instruction.
        SockFilter[] code = [.. program];
        for (int i = 0; i < code.Length; i++)
        {
            if (code[i].Code == BPF_JEQ_K)
                code[i].JumpIfFalse = (byte)(code.Length - 1 - (i + 1));
        }

        if (LibC.Prctl(LibC.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_NO_NEW_PRIVS): {Errno.FromLastPInvokeError()}");
        fixed (SockFilter* filter = code)
        {
            SockFprog prog = new() { Length = (ushort)code.Length, Filter = filter };
            if (LibC.Syscall(SyscallTable.Seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&prog, 0) != 0)
                throw new InvalidOperationException($"seccomp(SECCOMP_SET_MODE_FILTER): {Errno.FromLastPInvokeError()}");
        }
    }

    private static SockFilter Load(uint offset) => new() { Code = BPF_LD_W_ABS, Value = offset };

    private static SockFilter JumpToAllowUnless(uint value) => new() { Code = BPF_JEQ_K, Value = value };

    private static SockFilter Return(uint action) => new() { Code = BPF_RET_K, Value = action };
}
