namespace Spawn.Specs;

/// <summary>
/// Child step <c>setgroups(count, groups)</c>: the child's supplementary groups become exactly
/// these (none when empty). Put it before <see cref="SetGidAttribute"/> and
/// <see cref="SetUidAttribute"/>, while the child is still privileged. Applied in declaration order
/// with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EPERM
/// (no CAP_SETGID), EINVAL (more than NGROUPS_MAX).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SetGroupsAttribute : Attribute
{
    /// <summary>Sets the supplementary groups.</summary>
    /// <param name="groups">The group ids; none drops every supplementary group.</param>
    public SetGroupsAttribute(params uint[] groups) => Groups = groups;

    /// <summary>The group ids.</summary>
    public IReadOnlyList<uint> Groups { get; }
}
