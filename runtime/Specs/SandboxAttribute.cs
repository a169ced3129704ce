namespace Spawn.Specs;

/// <summary>
/// Runs the child of a <see cref="SpawnSpecAttribute"/> method in a compiled
/// <see cref="Sandboxing.Sandbox"/>: a static field or property, named by type and member, that the
/// program compiles once (<see cref="Sandboxing.SandboxProfile.Compile()"/>). The generated method
/// reads it at each call, appends its steps (Landlock, seccomp, capabilities, namespaces, ids,
/// no_new_privs, rlimits, chdir, closefrom) after the method's own file actions, and starts the
/// child with the sandbox's environment; nothing is built or allocated per call.
/// </summary>
/// <remarks>
/// <para>Environment: the sandbox's <see cref="Sandboxing.Sandbox.Environment"/> takes the place of
/// this process's. <see cref="SetEnvironmentAttribute"/> and <see cref="RemoveEnvironmentAttribute"/>
/// change it; <see cref="ClearEnvironmentAttribute"/> replaces it with only the spec's variables.</para>
/// <para>Errors: a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/> names
/// the failing step (<see cref="SpawnFileActionKind.Landlock"/>, <see cref="SpawnFileActionKind.Seccomp"/>,
/// <see cref="SpawnFileActionKind.Capabilities"/> ...) and its errno; a member that holds
/// <see langword="null"/> throws <see cref="InvalidOperationException"/>, a disposed sandbox
/// <see cref="ObjectDisposedException"/>, both before the spawn. The analyzers refuse a member that
/// does not exist, is not static, or is not of type <see cref="Sandboxing.Sandbox"/> (SPAWN0060-SPAWN0062).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SandboxAttribute : Attribute
{
    /// <summary>Names the sandbox.</summary>
    /// <param name="type">The type that declares it.</param>
    /// <param name="member">A static field or property of type <see cref="Sandboxing.Sandbox"/> (<c>nameof(MyProfiles.Jobs)</c>).</param>
    public SandboxAttribute(Type type, string member)
    {
        Type = type;
        Member = member;
    }

    /// <summary>The type that declares the sandbox.</summary>
    public Type Type { get; }

    /// <summary>The static field or property's name.</summary>
    public string Member { get; }
}
