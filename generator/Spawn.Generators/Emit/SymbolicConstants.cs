using Spawn.Specs.Parsing;

namespace Spawn.Generators.Emit;

/// <summary>
/// The numbers a spec carries, written as the runtime's names for them (<c>OpenFlags.O_WRONLY |
/// OpenFlags.O_CREAT</c>, <c>Signals.SIGTERM</c>, <c>SpawnFlags.SetSid</c>) so that the emitted code
/// reads like the attributes it comes from. The generator cannot reference the runtime, so the
/// names and values are listed here; a test compares them with the runtime's constants. Bits no
/// name covers are written as a number, so every value comes out exactly as it went in.
/// </summary>
internal static class SymbolicConstants
{
    private const string OpenFlagsType = "global::Spawn.OpenFlags.";
    private const string NamespacesType = "global::Spawn.Namespaces.";
    private const string SignalsType = "global::Spawn.Signals.";
    private const string SpawnFlagsType = "global::Spawn.SpawnFlags.";
    private const int AccessModeMask = 0x3; // O_ACCMODE
    private const int FirstRealTimeSignal = 34;
    private const int LastRealTimeSignal = 64;

    /// <summary><c>Spawn.OpenFlags</c>: the access mode (O_ACCMODE's values) first, then the bits.</summary>
    internal static readonly (string Name, int Value)[] OpenAccessModes = [("O_RDONLY", 0x0), ("O_WRONLY", 0x1), ("O_RDWR", 0x2)];

    /// <summary><c>Spawn.OpenFlags</c>'s constant bits, in their numeric order.</summary>
    internal static readonly (string Name, int Value)[] OpenFlagBits =
    [
        ("O_CREAT", 0x40), ("O_EXCL", 0x80), ("O_NOCTTY", 0x100), ("O_TRUNC", 0x200), ("O_APPEND", 0x400),
        ("O_NONBLOCK", 0x800), ("O_SYNC", 0x101000), ("O_CLOEXEC", 0x80000),
    ];

    /// <summary><c>Spawn.Namespaces</c>: the <c>CLONE_NEW*</c> bits.</summary>
    internal static readonly (string Name, int Value)[] NamespaceBits =
    [
        ("CLONE_NEWTIME", 0x00000080), ("CLONE_NEWNS", 0x00020000), ("CLONE_NEWCGROUP", 0x02000000),
        ("CLONE_NEWUTS", 0x04000000), ("CLONE_NEWIPC", 0x08000000), ("CLONE_NEWUSER", 0x10000000),
        ("CLONE_NEWPID", 0x20000000), ("CLONE_NEWNET", 0x40000000),
    ];

    /// <summary><c>Spawn.Signals</c>: the standard signals by number, 1 to 31.</summary>
    internal static readonly string[] SignalNames =
    [
        "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
        "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
        "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary><c>Spawn.SpawnFlags</c>: the members a spec sets (the parser's bits bear their names).</summary>
    internal static readonly (string Name, uint Value)[] SpawnFlagNames =
    [
        (nameof(SpawnFlagBits.ResetIds), SpawnFlagBits.ResetIds),
        (nameof(SpawnFlagBits.SetProcessGroup), SpawnFlagBits.SetProcessGroup),
        (nameof(SpawnFlagBits.SetSignalDefault), SpawnFlagBits.SetSignalDefault),
        (nameof(SpawnFlagBits.SetSignalMask), SpawnFlagBits.SetSignalMask),
        (nameof(SpawnFlagBits.SetSchedulerParameter), SpawnFlagBits.SetSchedulerParameter),
        (nameof(SpawnFlagBits.SetScheduler), SpawnFlagBits.SetScheduler),
        (nameof(SpawnFlagBits.SetSid), SpawnFlagBits.SetSid),
        (nameof(SpawnFlagBits.SetCgroup), SpawnFlagBits.SetCgroup),
    ];

    // The RLIMIT_* numbers of the generic Linux ABI (x86-64, arm64), which the runtime has no names for.
    private static readonly string[] ResourceNames =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    // sched_setscheduler's policies, which the runtime has no names for either (4 is unused).
    private static readonly string?[] SchedulerPolicyNames = ["SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", null, "SCHED_IDLE", "SCHED_DEADLINE"];

    /// <summary><c>open</c>'s flags: <c>global::Spawn.OpenFlags.O_WRONLY | global::Spawn.OpenFlags.O_CREAT</c>.</summary>
    public static string OpenFlags(int flags)
    {
        List<string> terms = [];
        int accessMode = flags & AccessModeMask;
        terms.Add(OpenAccessModes.FirstOrDefault(mode => mode.Value == accessMode).Name is { } name
            ? OpenFlagsType + name
            : CSharpLiteral.IntHex(accessMode));
        return Combine(terms, OpenFlagsType, OpenFlagBits, flags & ~AccessModeMask);
    }

    /// <summary><c>CLONE_*</c> flags: <c>global::Spawn.Namespaces.CLONE_NEWNS | ...</c>; 0 stays 0.</summary>
    public static string Namespaces(int flags) => flags == 0 ? "0" : Combine([], NamespacesType, NamespaceBits, flags);

    /// <summary>A signal number: <c>global::Spawn.Signals.SIGTERM</c>, <c>global::Spawn.Signals.SIGRTMIN + 2</c>.</summary>
    public static string Signal(int signal) => signal switch
    {
        >= 1 when signal <= SignalNames.Length => SignalsType + SignalNames[signal - 1],
        FirstRealTimeSignal => SignalsType + "SIGRTMIN",
        LastRealTimeSignal => SignalsType + "SIGRTMAX",
        > FirstRealTimeSignal and < LastRealTimeSignal => $"{SignalsType}SIGRTMIN + {CSharpLiteral.Int(signal - FirstRealTimeSignal)}",
        _ => CSharpLiteral.Int(signal),
    };

    /// <summary>A <c>sigset_t</c> word, bit (n - 1) for signal n: <c>(1UL &lt;&lt; (global::Spawn.Signals.SIGHUP - 1)) | ...</c>.</summary>
    public static string SignalSet(ulong bits)
    {
        List<string> terms = [];
        for (int signal = 1; signal <= LastRealTimeSignal; signal++)
        {
            if ((bits & (1UL << (signal - 1))) != 0)
            {
                terms.Add($"(1UL << ({Signal(signal)} - 1))");
            }
        }

        return terms.Count == 0 ? "0UL" : string.Join(" | ", terms);
    }

    /// <summary><c>posix_spawnattr_t</c>'s flags: <c>global::Spawn.SpawnFlags.SetSid | ...</c>.</summary>
    public static string SpawnFlags(uint flags)
    {
        List<string> terms = [.. SpawnFlagNames.Where(bit => (flags & bit.Value) == bit.Value).Select(bit => SpawnFlagsType + bit.Name)];
        uint rest = SpawnFlagNames.Aggregate(flags, (left, bit) => left & ~bit.Value);
        if (rest != 0 || terms.Count == 0)
        {
            terms.Add($"(global::Spawn.SpawnFlags){CSharpLiteral.Hex(rest)}");
        }

        return string.Join(" | ", terms);
    }

    /// <summary>The name of an <c>RLIMIT_*</c> number, or null.</summary>
    public static string? ResourceName(int resource) => resource >= 0 && resource < ResourceNames.Length ? ResourceNames[resource] : null;

    /// <summary>The name of a scheduling policy, or null.</summary>
    public static string? SchedulerPolicyName(int policy) => policy >= 0 && policy < SchedulerPolicyNames.Length ? SchedulerPolicyNames[policy] : null;

    // The named bits that value holds whole, in table order, then what no name covers as a number.
    private static string Combine(List<string> terms, string type, (string Name, int Value)[] bits, int value)
    {
        int rest = value;
        foreach ((string name, int bit) in bits)
        {
            if ((value & bit) == bit)
            {
                terms.Add(type + name);
                rest &= ~bit;
            }
        }

        if (rest != 0)
        {
            terms.Add(CSharpLiteral.IntHex(rest));
        }

        return string.Join(" | ", terms);
    }
}
