using static Spawn.Runtime.DelegationRunner.Report;

namespace Spawn.Runtime.DelegationRunner;

/// <summary>A user who may not write its cgroup (a login session's scope, say): the setup fails with the way to get one.</summary>
internal static class UnprivilegedScenario
{
    public static void Run()
    {
        using Cgroup current = Cgroup.OpenCurrent();
        Print("with-controller", Outcome(() => Cgroup.OpenDelegated("hugetlb").Dispose()));
        Print("without-controller", Outcome(() => Cgroup.OpenDelegated().Dispose()));
        Print("children", Children(current.Path));
    }
}
