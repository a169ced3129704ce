namespace Spawn.Specs;

/// <summary>Where a standard stream of a spawned child goes, for <see cref="StandardInputAttribute"/> and its siblings.</summary>
public enum Redirect
{
    /// <summary>
    /// A new pipe (<c>pipe2</c> with <c>O_CLOEXEC</c>): the child's end is <c>dup2</c>'d onto the
    /// stream's descriptor, the parent's end is returned through the <c>out</c> parameter named
    /// <c>stdin</c>, <c>stdout</c> or <c>stderr</c> (a <see cref="Stream"/> or a
    /// <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>).
    /// </summary>
    Pipe = 1,

    /// <summary><c>/dev/null</c>, opened by the child (read-only for input, write-only otherwise).</summary>
    Null = 2,
}
