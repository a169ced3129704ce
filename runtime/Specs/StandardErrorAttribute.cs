namespace Spawn.Specs;

/// <summary>
/// Redirects the child's standard error (descriptor 2) of a <see cref="SpawnSpecAttribute"/>
/// method. Stdio redirections are applied before the other file actions of the spec.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StandardErrorAttribute : Attribute
{
    /// <summary>Redirects to a pipe (an <c>out</c> parameter named <c>stderr</c>) or to <c>/dev/null</c>.</summary>
    /// <param name="redirect">Where the stream goes.</param>
    public StandardErrorAttribute(Redirect redirect) => Redirect = redirect;

    /// <summary>
    /// Redirects to a constant path (opened with <c>O_WRONLY|O_CREAT|O_TRUNC</c>, mode 0666 before the umask;
    /// a failure is a <see cref="SpawnException"/> of that file action) or to a <c>{parameter}</c>:
    /// a <see cref="string"/> path, a <see cref="System.Runtime.InteropServices.SafeHandle"/> or
    /// <see cref="int"/> descriptor (<c>dup2</c>'d; EBADF if not open), or an <c>out</c>
    /// <see cref="Stream"/> / <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/> (a new pipe).
    /// </summary>
    /// <param name="target">A path or a <c>{parameter}</c>.</param>
    public StandardErrorAttribute(string target) => Target = target;

    /// <summary>The redirection, when given as a <see cref="Specs.Redirect"/>.</summary>
    public Redirect? Redirect { get; }

    /// <summary>The path or <c>{parameter}</c>, when given as text.</summary>
    public string? Target { get; }
}
