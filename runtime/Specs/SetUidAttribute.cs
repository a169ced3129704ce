namespace Spawn.Specs;

/// <summary>
/// Child step <c>setresuid(uid, uid, uid)</c>: the child's real, effective and saved user. Put it
/// after <see cref="SetGroupsAttribute"/> and <see cref="SetGidAttribute"/>: once the user is not
/// root, the child can no longer change its groups. Applied in declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EPERM
/// (no CAP_SETUID), EAGAIN (RLIMIT_NPROC of the new user).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SetUidAttribute : Attribute
{
    /// <summary>Sets the constant user <paramref name="uid"/>.</summary>
    /// <param name="uid">The user id.</param>
    public SetUidAttribute(uint uid) => Uid = uid;

    /// <summary>Sets the user a parameter holds.</summary>
    /// <param name="source"><c>{parameter}</c> of type <see cref="uint"/>.</param>
    public SetUidAttribute(string source) => Source = source;

    /// <summary>The constant user id (0 when <see cref="Source"/> names a parameter).</summary>
    public uint Uid { get; }

    /// <summary>The source <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }
}
