namespace Spawn.Runtime.DelegationRunner;

/// <summary>
/// <c>Spawn.Runtime.DelegationRunner SCENARIO [ARGUMENT]</c>: runs one scenario of
/// <see cref="Cgroup.OpenDelegated(CgroupDelegationOptions)"/> and prints one "step outcome" line per
/// step (<see cref="Report"/>); the test decides what is right. Scenarios: <c>container</c> (this process
/// alone at the root of a cgroup namespace, hugetlb available), <c>shared PID</c> (PID shares the cgroup),
/// <c>unprivileged</c> and <c>read-only</c> (a cgroup this user may not write, a read-only mount: the same steps, different refusals). Exit status 0 when it ran, 2 for a usage error.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["container"]:
                ContainerScenario.Run();
                return 0;
            case ["shared", var pid] when int.TryParse(pid, out int sibling):
                SharedCgroupScenario.Run(sibling);
                return 0;
            case ["unprivileged"]:
            case ["read-only"]:
                RefusedScenario.Run();
                return 0;
            default:
                Console.Error.WriteLine("usage: Spawn.Runtime.DelegationRunner {container|shared PID|unprivileged|read-only}");
                return 2;
        }
    }
}
