namespace Spawn.Specs;

/// <summary>
/// Child step <c>setresgid(gid, gid, gid)</c>: the child's real, effective and saved group. Put it
/// before <see cref="SetUidAttribute"/>, while the child may still change groups. Applied in
/// declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EPERM
/// (no CAP_SETGID).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SetGidAttribute : Attribute
{
    /// <summary>Sets the constant group <paramref name="gid"/>.</summary>
    /// <param name="gid">The group id.</param>
    public SetGidAttribute(uint gid) => Gid = gid;

    /// <summary>Sets the group a parameter holds.</summary>
    /// <param name="source"><c>{parameter}</c> of type <see cref="uint"/>.</param>
    public SetGidAttribute(string source) => Source = source;

    /// <summary>The constant group id (0 when <see cref="Source"/> names a parameter).</summary>
    public uint Gid { get; }

    /// <summary>The source <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }
}
