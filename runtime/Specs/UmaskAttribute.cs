namespace Spawn.Specs;

/// <summary>
/// Child step <c>umask(mask)</c>: the permission bits the child's new files lose. Never fails; bits
/// above 0777 are ignored, as by the kernel. Applied in declaration order with the file actions.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class UmaskAttribute : Attribute
{
    /// <summary>Sets the umask.</summary>
    /// <param name="mask">The mask, e.g. <c>UnixFileMode.GroupWrite | UnixFileMode.OtherRead |
    /// UnixFileMode.OtherWrite | UnixFileMode.OtherExecute</c> (octal 027).</param>
    public UmaskAttribute(UnixFileMode mask) => Mask = mask;

    /// <summary>The mask.</summary>
    public UnixFileMode Mask { get; }
}
