namespace Spawn.Specs;

/// <summary>File action <c>posix_spawn_file_actions_addclose</c>: the child closes a descriptor (an unopened one is not an error). Repeatable, in order.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CloseFileAttribute : Attribute
{
    /// <summary>Closes <paramref name="fd"/> in the child.</summary>
    /// <param name="fd">The child's descriptor (0 or more).</param>
    public CloseFileAttribute(int fd) => Fd = fd;

    /// <summary>The child's descriptor.</summary>
    public int Fd { get; }
}
