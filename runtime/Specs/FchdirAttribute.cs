namespace Spawn.Specs;

/// <summary>File action <c>posix_spawn_file_actions_addfchdir_np</c>: the child changes its working folder to an open folder descriptor. Repeatable, in order.</summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EBADF, ENOTDIR.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FchdirAttribute : Attribute
{
    /// <summary>Changes to the folder open as the constant descriptor <paramref name="fd"/>.</summary>
    /// <param name="fd">A descriptor (0 or more).</param>
    public FchdirAttribute(int fd) => Fd = fd;

    /// <summary>Changes to the folder open as a descriptor parameter.</summary>
    /// <param name="source"><c>{parameter}</c> of type <see cref="System.Runtime.InteropServices.SafeHandle"/> or <see cref="int"/>.</param>
    public FchdirAttribute(string source)
    {
        Source = source;
        Fd = -1;
    }

    /// <summary>The constant descriptor, or -1 when <see cref="Source"/> names a parameter.</summary>
    public int Fd { get; }

    /// <summary>The source <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }
}
