namespace Spawn.Specs;

/// <summary>
/// Child step <c>unshare(flags)</c>: the child gets new namespaces (<see cref="Namespaces"/>) for
/// itself and what it runs. Repeatable; applied in declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EINVAL,
/// EPERM (no CAP_SYS_ADMIN), ENOSPC, EUSERS.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class UnshareAttribute : Attribute
{
    /// <summary>Unshares the namespaces of <paramref name="flags"/>.</summary>
    /// <param name="flags"><c>CLONE_NEW*</c> values of <see cref="Namespaces"/>, or-ed.</param>
    public UnshareAttribute(int flags) => Flags = flags;

    /// <summary>The <c>CLONE_*</c> flags.</summary>
    public int Flags { get; }
}
