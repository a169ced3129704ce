namespace Spawn;

/// <summary>
/// Linux signal numbers (the same on x86-64 and aarch64) and their names. <c>SIGRTMIN</c> is the
/// C library's (34 with glibc and musl: 32 and 33 are reserved for threads and setxid).
/// </summary>
public static class Signals
{
    /// <summary>1: Hangup of the controlling terminal, or death of the controlling process.</summary>
    public const int SIGHUP = 1;
    /// <summary>2: Interrupt from the keyboard (Ctrl-C).</summary>
    public const int SIGINT = 2;
    /// <summary>3: Quit from the keyboard (Ctrl-\); core dump.</summary>
    public const int SIGQUIT = 3;
    /// <summary>4: Illegal instruction; core dump.</summary>
    public const int SIGILL = 4;
    /// <summary>5: Trace or breakpoint trap; core dump.</summary>
    public const int SIGTRAP = 5;
    /// <summary>6: Abort (<c>abort()</c>); core dump.</summary>
    public const int SIGABRT = 6;
    /// <summary>7: Bus error (bad memory access); core dump.</summary>
    public const int SIGBUS = 7;
    /// <summary>8: Arithmetic exception; core dump.</summary>
    public const int SIGFPE = 8;
    /// <summary>9: Kill; cannot be caught, blocked or ignored.</summary>
    public const int SIGKILL = 9;
    /// <summary>10: User-defined signal 1.</summary>
    public const int SIGUSR1 = 10;
    /// <summary>11: Invalid memory reference; core dump.</summary>
    public const int SIGSEGV = 11;
    /// <summary>12: User-defined signal 2.</summary>
    public const int SIGUSR2 = 12;
    /// <summary>13: Write to a pipe with no readers.</summary>
    public const int SIGPIPE = 13;
    /// <summary>14: Timer signal from <c>alarm()</c>.</summary>
    public const int SIGALRM = 14;
    /// <summary>15: Termination request.</summary>
    public const int SIGTERM = 15;
    /// <summary>16: Stack fault on a coprocessor (unused).</summary>
    public const int SIGSTKFLT = 16;
    /// <summary>17: A child stopped, continued or terminated.</summary>
    public const int SIGCHLD = 17;
    /// <summary>18: Continue if stopped.</summary>
    public const int SIGCONT = 18;
    /// <summary>19: Stop the process; cannot be caught, blocked or ignored.</summary>
    public const int SIGSTOP = 19;
    /// <summary>20: Stop typed at the terminal (Ctrl-Z).</summary>
    public const int SIGTSTP = 20;
    /// <summary>21: Terminal input for a background process.</summary>
    public const int SIGTTIN = 21;
    /// <summary>22: Terminal output (or <c>tcsetpgrp</c>) from a background process.</summary>
    public const int SIGTTOU = 22;
    /// <summary>23: Urgent condition on a socket.</summary>
    public const int SIGURG = 23;
    /// <summary>24: CPU time limit exceeded; core dump.</summary>
    public const int SIGXCPU = 24;
    /// <summary>25: File size limit exceeded; core dump.</summary>
    public const int SIGXFSZ = 25;
    /// <summary>26: Virtual alarm clock.</summary>
    public const int SIGVTALRM = 26;
    /// <summary>27: Profiling timer expired.</summary>
    public const int SIGPROF = 27;
    /// <summary>28: Window resize.</summary>
    public const int SIGWINCH = 28;
    /// <summary>29: I/O now possible.</summary>
    public const int SIGIO = 29;
    /// <summary>30: Power failure.</summary>
    public const int SIGPWR = 30;
    /// <summary>31: Bad system call (also seccomp's trap); core dump.</summary>
    public const int SIGSYS = 31;
    /// <summary>34: The first real-time signal available to programs (glibc and musl keep 32 and 33).</summary>
    public const int SIGRTMIN = 34;
    /// <summary>64: The last real-time signal.</summary>
    public const int SIGRTMAX = 64;

    private static readonly string[] s_names = CreateNames();

    /// <summary>The name of a signal: "SIGKILL", "SIGRTMIN+2"; "SIG?" outside 1-64.</summary>
    /// <param name="signal">The signal number.</param>
    public static string Name(int signal) => (uint)signal < (uint)s_names.Length ? s_names[signal] : "SIG?";

    private static string[] CreateNames()
    {
        string[] names =
        [
            "SIG?", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
            "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
            "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
            "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIG32", "SIG33",
            .. Enumerable.Range(0, SIGRTMAX - SIGRTMIN + 1).Select(n => n == 0 ? "SIGRTMIN" : $"SIGRTMIN+{n}"),
        ];
        return names;
    }
}
