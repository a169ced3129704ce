namespace Spawn.Sandboxing;

/// <summary>One line of a seccomp filter: the system call, by its kernel name (<c>"mkdirat"</c>), and what the filter answers.</summary>
/// <param name="Syscall">The name, as in the kernel's <c>unistd</c> headers.</param>
/// <param name="Action">The answer.</param>
public readonly record struct SeccompRule(string Syscall, SeccompAction Action);
