namespace Spawn.Specs;

/// <summary>
/// Child step <c>chroot(path)</c>: the child's root folder becomes <see cref="Path"/>. Follow it
/// with <c>[Chdir("/")]</c>, as usual, so that the working folder is inside the new root. Applied
/// in declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>, naming
/// the path): ENOENT, ENOTDIR, EACCES, EPERM (no CAP_SYS_CHROOT).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ChrootAttribute : Attribute
{
    /// <summary>Changes the root to <paramref name="path"/>.</summary>
    /// <param name="path">A constant path, or a template with <c>{parameter}</c> placeholders.</param>
    public ChrootAttribute(string path) => Path = path;

    /// <summary>The path template.</summary>
    public string Path { get; }
}
