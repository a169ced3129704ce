namespace Spawn.Specs;

/// <summary>
/// Attribute <c>POSIX_SPAWN_SETCGROUP</c> (<c>posix_spawnattr_setcgroup_np</c> of the glibc patch set): the
/// child is born inside a cgroup v2 folder (<c>clone3</c> with <c>CLONE_INTO_CGROUP</c>), never
/// running outside it.
/// </summary>
/// <remarks>
/// Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.Clone"/>): ENOTSUP
/// without clone3, E2BIG on kernels before 5.7, EOPNOTSUPP for a threaded cgroup, EBADF for a
/// closed descriptor; a constant path that cannot be opened gives the errno of <c>open(2)</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CgroupAttribute : Attribute
{
    /// <summary>Places the child in a cgroup.</summary>
    /// <param name="cgroup">An absolute path of a cgroup2 folder (opened <c>O_RDONLY|O_DIRECTORY|O_CLOEXEC</c>
    /// for the spawn and closed after it), or a <c>{parameter}</c> of type <see cref="Cgroup"/>,
    /// <see cref="System.Runtime.InteropServices.SafeHandle"/> or <see cref="int"/> (a descriptor of the folder).</param>
    public CgroupAttribute(string cgroup) => Cgroup = cgroup;

    /// <summary>The path or <c>{parameter}</c>.</summary>
    public string Cgroup { get; }
}
