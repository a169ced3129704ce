namespace Spawn;

/// <summary>
/// Linux signal numbers (the same on x86-64 and aarch64) and their names. <c>SIGRTMIN</c> is the
/// C library's (34 with glibc and musl: 32 and 33 are reserved for threads and setxid).
/// </summary>
public static class Signals
{
#pragma warning disable CS1591 // The names are the documentation: see signal(7).
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGBUS = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGSTKFLT = 16;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGTSTP = 20;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGURG = 23;
    public const int SIGXCPU = 24;
    public const int SIGXFSZ = 25;
    public const int SIGVTALRM = 26;
    public const int SIGPROF = 27;
    public const int SIGWINCH = 28;
    public const int SIGIO = 29;
    public const int SIGPWR = 30;
    public const int SIGSYS = 31;
    public const int SIGRTMIN = 34;
    public const int SIGRTMAX = 64;
#pragma warning restore CS1591

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
