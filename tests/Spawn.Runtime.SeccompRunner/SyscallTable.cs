using System.Runtime.InteropServices;

namespace Spawn.Runtime.SeccompRunner;

/// <summary>The numbers of the calls the runner makes directly (the filter names calls by name: <see cref="Spawn.Sandboxing.SeccompFilter"/>).</summary>
internal static class SyscallTable
{
    private static bool IsX64 => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Only x86-64 and aarch64 have their numbers here (and a clone3 entry in the C core).</summary>
    public static bool IsSupported => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static long Seccomp => IsX64 ? 317 : 277;

    // The same on every architecture since Linux 5.1.
    public const uint PidFdSendSignal = 424;
    public const uint PidFdOpen = 434;
    public const uint Clone3 = 435;
    public const uint CloseRange = 436;
}
