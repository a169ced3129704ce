using Spawn.Cgroups;
using static Spawn.Runtime.DelegationRunner.Report;

namespace Spawn.Runtime.DelegationRunner;

/// <summary>
/// This process alone in its cgroup, at the root of its cgroup namespace, as in a container: enabling
/// a controller for children fails with EBUSY, then the setup (from two threads at once) moves it into
/// the leaf, after which job scopes take the controller, children are born in them, and a kill empties
/// them. A second setup changes nothing. Job scopes are removed at the end; the leaf stays (this
/// process is in it).
/// </summary>
internal static class ContainerScenario
{
    private const string Controller = "hugetlb";
    private static readonly TimeSpan EmptyTimeout = TimeSpan.FromSeconds(30);

    public static void Run()
    {
        string self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Print("cgroup-before", CgroupOf(self));
        using (Cgroup current = Cgroup.OpenCurrent())
            Print("enable-before", Outcome(() => current.EnableSubtreeControllers(Controller)));

        Print("concurrent", SetUpFromTwoThreads());
        Print("cgroup-after", CgroupOf(self));

        using Cgroup scope = Cgroup.OpenDelegated(Controller);
        Print("scope", scope.Path);
        Print("scope-children", Children(scope.Path));
        Print("subtree-control", string.Join(' ', scope.SubtreeControllers));
        // The same write that failed before, on the same cgroup.
        Print("enable-after", Outcome(() => scope.EnableSubtreeControllers(Controller)));

        using (Cgroup job = scope.CreateChild("job"))
        {
            Print("job-controllers", string.Join(' ', job.Controllers));
            Print("born-in", BornIn(job));
            Print("kill", KillAndWait(job));
            job.Delete();
        }

        string before = $"{CgroupOf(self)} {Children(scope.Path)} {string.Join(' ', scope.SubtreeControllers)}";
        using (Cgroup again = Cgroup.OpenDelegated(Controller))
        {
            string after = $"{CgroupOf(self)} {Children(again.Path)} {string.Join(' ', again.SubtreeControllers)}";
            Print("second", again.Path == scope.Path && after == before ? "no-op" : $"changed: {before} -> {after} at {again.Path}");
        }
        Print("scope-children-end", Children(scope.Path));
    }

    // Both threads wait at the barrier, then call at once; each reports the path it got.
    private static string SetUpFromTwoThreads()
    {
        var outcomes = new string[2];
        using var barrier = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(index => new Thread(() =>
        {
            barrier.SignalAndWait();
            string path = "";
            string outcome = Outcome(() =>
            {
                using Cgroup scope = Cgroup.OpenDelegated(Controller);
                path = scope.Path;
            });
            outcomes[index] = outcome == "ok" ? path : outcome;
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        return string.Join(' ', outcomes);
    }

    // cat reads /proc/self/cgroup first thing: it never ran anywhere else.
    private static string BornIn(Cgroup job)
    {
        string output = Path.GetTempFileName();
        try
        {
            using var attributes = new SpawnAttributes { Cgroup = job.Handle };
            var actions = new SpawnFileActions().AddOpen(1, output, OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, 0);
            using (PidFd child = Spawner.PidFdSpawn("/bin/cat", actions, attributes, ["cat", "/proc/self/cgroup"], null))
                child.WaitForExit();
            return File.ReadAllLines(output).Single(line => line.StartsWith("0::", StringComparison.Ordinal))[3..];
        }
        finally
        {
            File.Delete(output);
        }
    }

    // A shell that leaves a sleep behind and becomes another: the kill must get both.
    private static string KillAndWait(Cgroup job)
    {
        using var attributes = new SpawnAttributes { Cgroup = job.Handle };
        using PidFd child = Spawner.PidFdSpawn("/bin/sh", null, attributes, ["sh", "-c", "sleep 1000 & exec sleep 1000"], null);
        var deadline = DateTime.UtcNow + EmptyTimeout;
        while (File.ReadAllLines(Path.Combine(job.Path, "cgroup.procs")).Length < 2 && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
        int before = File.ReadAllLines(Path.Combine(job.Path, "cgroup.procs")).Length;
        job.Kill();
        bool empty = job.WaitUntilEmpty(EmptyTimeout);
        ExitStatus status = child.WaitForExit();
        return $"{before} processes, child {status}, empty {empty}";
    }
}
