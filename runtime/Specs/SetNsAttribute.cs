namespace Spawn.Specs;

/// <summary>
/// Child step <c>setns(fd, nsType)</c>: the child joins the namespace a descriptor refers to (a
/// <c>/proc/PID/ns/*</c> file or a pidfd) before exec. Repeatable; applied in declaration order
/// with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EINVAL
/// (the descriptor is another namespace type), EPERM (no CAP_SYS_ADMIN), EBADF.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SetNsAttribute : Attribute
{
    /// <summary>Joins the namespace open as the constant descriptor <paramref name="fd"/>.</summary>
    /// <param name="fd">A descriptor open in this process (0 or more).</param>
    /// <param name="nsType">A <c>CLONE_NEW*</c> value of <see cref="Namespaces"/>, or 0 for any type.</param>
    public SetNsAttribute(int fd, int nsType)
    {
        Fd = fd;
        NsType = nsType;
    }

    /// <summary>Joins the namespace open as a descriptor parameter.</summary>
    /// <param name="source"><c>{parameter}</c> of type <see cref="System.Runtime.InteropServices.SafeHandle"/> (kept alive across the spawn) or <see cref="int"/>.</param>
    /// <param name="nsType">A <c>CLONE_NEW*</c> value of <see cref="Namespaces"/>, or 0 for any type.</param>
    public SetNsAttribute(string source, int nsType)
    {
        Source = source;
        Fd = -1;
        NsType = nsType;
    }

    /// <summary>The constant descriptor, or -1 when <see cref="Source"/> names a parameter.</summary>
    public int Fd { get; }

    /// <summary>The source <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>The namespace type the descriptor must have (0: any).</summary>
    public int NsType { get; }
}
