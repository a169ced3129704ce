using Spawn.Cgroups;
using static Spawn.Runtime.DelegationRunner.Report;

namespace Spawn.Runtime.DelegationRunner;

/// <summary>
/// Another process shares this one's cgroup (at a cgroup namespace root): the setup refuses and lists
/// it, leaving nothing created or moved; asked to move it, the setup moves both into the leaf.
/// </summary>
internal static class SharedCgroupScenario
{
    public static void Run(int sibling)
    {
        string self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string siblingText = sibling.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Cgroup current = Cgroup.OpenCurrent();
        Print("refused", Outcome(() => Cgroup.OpenDelegated("hugetlb").Dispose()));
        Print("children-after-refusal", Children(current.Path));
        Print("cgroup-after-refusal", CgroupOf(self));

        Print("moved", Outcome(() => Cgroup.OpenDelegated(new CgroupDelegationOptions { Controllers = ["hugetlb"], MoveOtherProcesses = true }).Dispose()));
        Print("cgroup-after", CgroupOf(self));
        Print("sibling-cgroup", CgroupOf(siblingText));
    }
}
