namespace Spawn.Sandboxing;

/// <summary>
/// What a seccomp filter answers for a system call (<c>SECCOMP_RET_*</c>): let it run, fail it
/// with an errno, or kill the process with SIGSYS.
/// </summary>
public readonly record struct SeccompAction
{
    private const uint RetKillProcess = 0x80000000;
    private const uint RetErrno = 0x00050000;
    private const uint RetAllow = 0x7fff0000;

    private SeccompAction(uint value) => Value = value;

    /// <summary><c>SECCOMP_RET_ALLOW</c>: the call runs.</summary>
    public static SeccompAction Allow => new(RetAllow);

    /// <summary><c>SECCOMP_RET_KILL_PROCESS</c> (4.14): the process dies of SIGSYS before the call runs.</summary>
    public static SeccompAction KillProcess => new(RetKillProcess);

    /// <summary><c>SECCOMP_RET_ERRNO</c>: the call is not made and returns -1 with <paramref name="errno"/> (1 to 4095).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The errno is not in 1 to 4095.</exception>
    public static SeccompAction Error(Errno errno)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(errno.Value, 1, nameof(errno));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errno.Value, 4095, nameof(errno));
        return new(RetErrno | (uint)errno.Value);
    }

    /// <summary>The filter's return value.</summary>
    internal uint Value { get; }

    /// <summary>True for <see cref="Allow"/>.</summary>
    public bool IsAllow => Value == RetAllow;

    /// <inheritdoc/>
    public override string ToString() => Value switch
    {
        RetAllow => "allow",
        RetKillProcess => "kill",
        _ => $"errno {new Errno((int)(Value & 0xffff)).Name}",
    };
}
