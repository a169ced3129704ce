using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Spawn.Sandboxing;

/// <summary>
/// Compiles a list of <see cref="SeccompRule"/> to classic BPF for <c>seccomp(SECCOMP_SET_MODE_FILTER)</c>,
/// once, in the parent: the child only installs the bytes (<see cref="SpawnFileActions.AddSeccompFilter(ReadOnlySpan{byte}, int)"/>).
/// </summary>
/// <remarks>
/// The program checks the architecture first (a call made through another ABI, i386's
/// <c>int 0x80</c> on x86-64 or aarch32 on arm64, has other numbers and kills the process), on
/// x86-64 answers ENOSYS to every x32 call (numbers with bit 30 set, which would otherwise slip past
/// the rules), then compares the number with each rule in order (the first match wins) and ends with
/// the default action. A rule with an argument loads it, compares its low 32 bits and loads the
/// number again for the next rule. With a default other than <see cref="SeccompAction.Allow"/> (allow-list mode)
/// the calls the C core itself makes after installing the filter are allowed too: rt_sigprocmask
/// (the child's signal mask), execve and execveat, exit and exit_group (a failed spawn reporting).
/// </remarks>
public static class SeccompFilter
{
    private const ushort LoadWordAbsolute = 0x20; // BPF_LD | BPF_W | BPF_ABS
    private const ushort JumpIfEqual = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpIfAtLeast = 0x35;    // BPF_JMP | BPF_JGE | BPF_K
    private const ushort Return = 0x06;           // BPF_RET | BPF_K

    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
    private const uint NumberOffset = 0;
    private const uint ArchOffset = 4;
    private const uint ArgumentsOffset = 16;

    private const uint AuditArchX64 = 0xC000003E;
    private const uint AuditArchArm64 = 0xC00000B7;
    private const uint X32SyscallBit = 0x40000000;
    private const int Enosys = 38;

    private static readonly string[] s_coreCalls = ["rt_sigprocmask", "execve", "execveat", "exit", "exit_group"];

    /// <summary>The architecture this process runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Neither x86-64 nor arm64.</exception>
    public static SeccompArchitecture Native => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => SeccompArchitecture.X64,
        Architecture.Arm64 => SeccompArchitecture.Arm64,
        var other => throw new PlatformNotSupportedException($"seccomp filters are compiled for x86-64 and arm64, not {other}."),
    };

    /// <summary>
    /// The BPF program (8 bytes an instruction) for <paramref name="rules"/> and
    /// <paramref name="defaultAction"/> on <paramref name="architecture"/>. A name that only the
    /// other architecture has (<c>mkdir</c>, <c>open</c> on arm64) is left out: a program there
    /// cannot make that call.
    /// </summary>
    /// <exception cref="SandboxException">A name neither architecture has, or more than 4096 instructions.</exception>
    public static byte[] Compile(ReadOnlySpan<SeccompRule> rules, SeccompAction defaultAction, SeccompArchitecture architecture)
    {
        var compiled = new List<(uint Number, SeccompRule Rule)>(rules.Length + s_coreCalls.Length);
        foreach (var rule in rules)
        {
            if (rule.ArgumentIndex is < 0 or > 5)
                throw new SandboxException($"seccomp rule for \"{rule.Syscall}\": argument {rule.ArgumentIndex} is not 0 to 5");
            int number = Lookup(rule.Syscall, architecture);
            if (number >= 0)
                compiled.Add(((uint)number, rule)); // in order: the first match wins
        }
        if (!defaultAction.IsAllow)
        {
            foreach (string call in s_coreCalls)
            {
                int number = Lookup(call, architecture);
                if (number >= 0)
                    compiled.Add(((uint)number, new SeccompRule(call, SeccompAction.Allow)));
            }
        }

        bool x64 = architecture == SeccompArchitecture.X64;
        int count = 4 + (x64 ? 2 : 0) + 1;
        foreach (var (_, rule) in compiled)
            count += rule.ArgumentIndex is null ? 2 : 5;
        if (count > 4096)
            throw new SandboxException($"the seccomp filter needs {count} instructions; the kernel takes 4096");
        var program = new byte[count * 8];
        int at = 0;
        void Emit(ushort code, uint value, byte jumpIfTrue = 0, byte jumpIfFalse = 0)
        {
            Span<byte> slot = program.AsSpan(at * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, code);
            slot[2] = jumpIfTrue;
            slot[3] = jumpIfFalse;
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], value);
            at++;
        }

        Emit(LoadWordAbsolute, ArchOffset);
        Emit(JumpIfEqual, x64 ? AuditArchX64 : AuditArchArm64, jumpIfTrue: 1);
        Emit(Return, SeccompAction.KillProcess.Value);
        Emit(LoadWordAbsolute, NumberOffset);
        if (x64)
        {
            Emit(JumpIfAtLeast, X32SyscallBit, jumpIfFalse: 1);
            Emit(Return, SeccompAction.Error(new Errno(Enosys)).Value);
        }
        foreach (var (number, rule) in compiled)
        {
            if (rule.ArgumentIndex is not int index)
            {
                Emit(JumpIfEqual, number, jumpIfFalse: 1);
                Emit(Return, rule.Action.Value);
                continue;
            }
            Emit(JumpIfEqual, number, jumpIfFalse: 4);
            Emit(LoadWordAbsolute, ArgumentsOffset + (uint)index * 8);
            Emit(JumpIfEqual, rule.ArgumentValue, jumpIfFalse: 1);
            Emit(Return, rule.Action.Value);
            Emit(LoadWordAbsolute, NumberOffset);
        }
        Emit(Return, defaultAction.Value);
        return program;
    }

    /// <summary>The call's number on <paramref name="architecture"/>, -1 when only the other one has it.</summary>
    /// <exception cref="SandboxException">Neither has it.</exception>
    public static int Lookup(string syscall, SeccompArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        string?[] table = architecture == SeccompArchitecture.X64 ? SyscallNumbers.X64 : SyscallNumbers.Arm64;
        string?[] other = architecture == SeccompArchitecture.X64 ? SyscallNumbers.Arm64 : SyscallNumbers.X64;
        int number = Array.IndexOf(table, syscall);
        if (number >= 0)
            return number;
        if (Array.IndexOf(other, syscall) >= 0)
            return -1;
        throw new SandboxException($"seccomp rule: no system call is named \"{syscall}\"");
    }
}
