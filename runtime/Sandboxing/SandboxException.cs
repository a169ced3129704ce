namespace Spawn.Sandboxing;

/// <summary>
/// A sandbox profile cannot be compiled as asked: a right the kernel's Landlock ABI cannot enforce
/// (with <see cref="UnenforceableRights.Fail"/>), an unknown system call name, a rule the kernel
/// refused (with its errno, see <see cref="Errno"/>). Nothing is left open when it is thrown.
/// </summary>
public sealed class SandboxException : Exception
{
    internal SandboxException(string message, Errno? errno = null) : base(errno is { } e ? $"{message}: {e}" : message) =>
        Errno = errno;

    /// <summary>The errno of the refused call, or null when nothing was called.</summary>
    public Errno? Errno { get; }
}
