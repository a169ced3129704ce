using System.Runtime.InteropServices;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>What a seccomp filter must name per architecture: the audit architecture and the numbers that differ between x86-64 and aarch64.</summary>
internal static class SyscallTable
{
    private static bool IsX64 => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Only x86-64 and aarch64 have their numbers here (and a clone3 entry in the C core).</summary>
    public static bool IsSupported => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>AUDIT_ARCH_X86_64 or AUDIT_ARCH_AARCH64: the <c>arch</c> field of seccomp_data.</summary>
    public static uint AuditArch => IsX64 ? 0xC000003Eu : 0xC00000B7u;

    public static long Seccomp => IsX64 ? 317 : 277;

    public static uint WaitId => IsX64 ? 247u : 95u;

    public static uint Ioctl => IsX64 ? 16u : 29u;

    // The same on every architecture since Linux 5.1.
    public const uint PidFdSendSignal = 424;
    public const uint PidFdOpen = 434;
    public const uint Clone3 = 435;
    public const uint CloseRange = 436;
}
