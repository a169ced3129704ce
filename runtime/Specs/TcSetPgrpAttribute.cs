namespace Spawn.Specs;

/// <summary>File action <c>posix_spawn_file_actions_addtcsetpgrp_np</c>: the child makes its process group the foreground group of the terminal open as <see cref="Fd"/>. Repeatable, in order.</summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): those of <c>tcsetpgrp(3)</c> (ENOTTY, EBADF, EPERM).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TcSetPgrpAttribute : Attribute
{
    /// <summary>Calls <c>tcsetpgrp(fd, getpgrp())</c> in the child.</summary>
    /// <param name="fd">A terminal descriptor (0 or more).</param>
    public TcSetPgrpAttribute(int fd) => Fd = fd;

    /// <summary>The terminal descriptor.</summary>
    public int Fd { get; }
}
