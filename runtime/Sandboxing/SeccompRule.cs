namespace Spawn.Sandboxing;

/// <summary>
/// One line of a seccomp filter: the system call, by its kernel name (<c>"mkdirat"</c>), and what the
/// filter answers; with <see cref="ArgumentIndex"/> set, only when that argument has <see cref="ArgumentValue"/>.
/// </summary>
/// <param name="Syscall">The name, as in the kernel's <c>unistd</c> headers.</param>
/// <param name="Action">The answer.</param>
public readonly record struct SeccompRule(string Syscall, SeccompAction Action)
{
    /// <summary>The argument (0 to 5) the rule also compares, or null for the call whatever its arguments.</summary>
    public int? ArgumentIndex { get; init; }

    /// <summary>The value the low 32 bits of that argument must have (an int or an unsigned int
    /// argument: waitid's idtype, ioctl's request); both architectures are little-endian.</summary>
    public uint ArgumentValue { get; init; }
}
