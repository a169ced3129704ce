namespace Spawn.Cgroups;

/// <summary>
/// What <see cref="Cgroup.OpenDelegated(CgroupDelegationOptions)"/> sets up: the controllers job scopes
/// need, the name of the leaf this process moves into, and whether other processes sharing its cgroup
/// may be moved along.
/// </summary>
public sealed class CgroupDelegationOptions
{
    /// <summary>
    /// The controllers to enable for the job scopes (<c>memory</c>, <c>pids</c>, <c>cpu</c>, <c>io</c>,
    /// <c>hugetlb</c> ...): written to the scope's <c>cgroup.subtree_control</c>. Empty (the default):
    /// no controller, so nothing needs to move; the scope still kills, waits and accounts.
    /// </summary>
    public IReadOnlyList<string> Controllers { get; init; } = [];

    /// <summary>
    /// The folder this process moves into when its cgroup must give up its processes to enable
    /// controllers: a child of that cgroup, sibling of the job scopes. Default <c>leaf</c>.
    /// </summary>
    public string LeafName { get; init; } = "leaf";

    /// <summary>
    /// Whether the other processes in this process's cgroup (a container's other processes, the
    /// children it spawned before, a shell of the same session) move into the leaf too. False (the
    /// default): the setup refuses with EBUSY and lists them, and nothing is moved or created.
    /// </summary>
    public bool MoveOtherProcesses { get; init; }
}
