namespace Spawn.Specs;

/// <summary>File action <c>posix_spawn_file_actions_addchdir_np</c>: the child changes its working folder. Repeatable, in order.</summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): those of <c>chdir(2)</c> (ENOENT, ENOTDIR, EACCES).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ChdirAttribute : Attribute
{
    /// <summary>Changes to <paramref name="path"/>.</summary>
    /// <param name="path">A constant path or a <c>{parameter}</c> template.</param>
    public ChdirAttribute(string path) => Path = path;

    /// <summary>The path template.</summary>
    public string Path { get; }
}
