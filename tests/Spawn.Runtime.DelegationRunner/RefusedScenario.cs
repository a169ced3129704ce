using Spawn.Cgroups;
using static Spawn.Runtime.DelegationRunner.Report;

namespace Spawn.Runtime.DelegationRunner;

/// <summary>
/// A cgroup this process may not manage: a user without write access (a login session's scope, say),
/// or a cgroup2 mount that is read-only (a container's default). The setup fails, with or without
/// controllers, saying how to get a cgroup that works, and creates nothing.
/// </summary>
internal static class RefusedScenario
{
    public static void Run()
    {
        using Cgroup current = Cgroup.OpenCurrent();
        Print("with-controller", Outcome(() => Cgroup.OpenDelegated("hugetlb").Dispose()));
        Print("without-controller", Outcome(() => Cgroup.OpenDelegated().Dispose()));
        Print("children", Children(current.Path));
    }
}
