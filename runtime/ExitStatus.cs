using Spawn.Interop;

namespace Spawn;

/// <summary>
/// How a child ended, as <c>waitid</c> reports it: it exited with a code, or a signal killed it
/// (and it may have dumped core).
/// </summary>
public readonly struct ExitStatus : IEquatable<ExitStatus>
{
    private readonly int _code; // si_code: CLD_EXITED, CLD_KILLED or CLD_DUMPED
    private readonly int _value; // the exit code or the signal

    private ExitStatus(int code, int value)
    {
        _code = code;
        _value = value;
    }

    /// <summary>The child called <c>exit</c> (or returned from main): <see cref="ExitCode"/> is valid.</summary>
    public bool Exited => _code == SigInfo.CLD_EXITED;

    /// <summary>The exit code (0-255), or -1 when the child was killed by a signal.</summary>
    public int ExitCode => Exited ? _value : -1;

    /// <summary>A signal killed the child: <see cref="Signal"/> is valid.</summary>
    public bool Signaled => _code is SigInfo.CLD_KILLED or SigInfo.CLD_DUMPED;

    /// <summary>The signal that killed the child, or 0 when it exited.</summary>
    public int Signal => Signaled ? _value : 0;

    /// <summary>The child was killed by a signal and dumped core.</summary>
    public bool CoreDumped => _code == SigInfo.CLD_DUMPED;

    /// <summary>
    /// From the <c>si_code</c> and <c>si_status</c> fields of the <c>siginfo_t</c> that
    /// <c>waitid(WEXITED)</c> filled.
    /// </summary>
    /// <param name="code"><c>CLD_EXITED</c> (1), <c>CLD_KILLED</c> (2) or <c>CLD_DUMPED</c> (3).</param>
    /// <param name="status">The exit code, or the signal number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not one of those three.</exception>
    public static ExitStatus FromWaitid(int code, int status)
    {
        if (code is not (SigInfo.CLD_EXITED or SigInfo.CLD_KILLED or SigInfo.CLD_DUMPED))
            throw new ArgumentOutOfRangeException(nameof(code), code, "Not CLD_EXITED, CLD_KILLED or CLD_DUMPED.");
        return new ExitStatus(code, status);
    }

    /// <summary>From a wait status word as <c>waitpid</c> and <c>PIDFD_INFO_EXIT</c> give it.</summary>
    internal static ExitStatus FromWaitStatus(int status)
    {
        int signal = status & 0x7f;
        if (signal == 0)
            return new ExitStatus(SigInfo.CLD_EXITED, (status >> 8) & 0xff);
        return new ExitStatus((status & 0x80) != 0 ? SigInfo.CLD_DUMPED : SigInfo.CLD_KILLED, signal);
    }

    /// <summary>"exited with code 3", "killed by signal 9 (SIGKILL)", "killed by signal 11 (SIGSEGV), core dumped".</summary>
    public override string ToString() =>
        Exited ? $"exited with code {ExitCode}"
        : CoreDumped ? $"killed by signal {Signal} ({Signals.Name(Signal)}), core dumped"
        : Signaled ? $"killed by signal {Signal} ({Signals.Name(Signal)})"
        : "no status";

    /// <inheritdoc/>
    public bool Equals(ExitStatus other) => _code == other._code && _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ExitStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_code, _value);

    /// <summary>Same kind of ending with the same code or signal.</summary>
    public static bool operator ==(ExitStatus left, ExitStatus right) => left.Equals(right);

    /// <summary>Different endings.</summary>
    public static bool operator !=(ExitStatus left, ExitStatus right) => !left.Equals(right);
}
