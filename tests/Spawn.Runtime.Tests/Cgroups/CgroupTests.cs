using System.Globalization;
using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Xunit;

namespace Spawn.Runtime.Tests.Cgroups;

public sealed class CgroupTests : ReactorAwareTest
{
    private static readonly TimeSpan EmptyTimeout = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public void OpenCurrent_opens_the_cgroup_that_lists_this_process()
    {
        Skip.If(CgroupMount.MountPoint is null, "cgroup2 is not mounted here");
        using var current = Cgroup.OpenCurrent();
        var pids = File.ReadAllLines(Path.Combine(current.Path, "cgroup.procs"));
        Assert.Contains(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pids);
    }

    [SkippableFact]
    public void CreateChild_makes_a_folder_that_Delete_removes()
    {
        using var test = TestCgroup.Create("create");
        using var parent = Cgroup.Open(test.Path);
        using (var child = parent.CreateChild("scope"))
        {
            Assert.Equal(test.Path + "/scope", child.Path);
            Assert.True(File.Exists(Path.Combine(child.Path, "cgroup.events")));
            Assert.False(child.IsPopulated);
            child.Delete();
        }
        Assert.False(Directory.Exists(test.Path + "/scope"));
    }

    [SkippableFact]
    public void CreateChild_of_an_existing_name_fails_with_EEXIST_and_bad_names_are_refused()
    {
        using var test = TestCgroup.Create("exists");
        using var parent = Cgroup.Open(test.Path);
        using var first = parent.CreateChild("twice");
        var exception = Assert.Throws<SpawnException>(() => parent.CreateChild("twice"));
        Assert.Equal(Errno.EEXIST, exception.Errno);
        Assert.Equal(test.Path + "/twice", exception.Path);
        Assert.Throws<ArgumentException>(() => parent.CreateChild("a/b"));
        Assert.Throws<ArgumentException>(() => parent.CreateChild(".."));
    }

    [SkippableFact]
    public void A_child_spawned_into_the_cgroup_populates_it_and_Delete_refuses_with_EBUSY_until_it_is_gone()
    {
        using var test = TestCgroup.Create("populated");
        using var cgroup = Cgroup.Open(test.Path);
        using var child = SpawnInto(cgroup, "/bin/sleep", "1000");
        Assert.True(cgroup.IsPopulated);
        Assert.Equal(Errno.EBUSY, Assert.Throws<SpawnException>(cgroup.Delete).Errno);

        cgroup.Kill();
        Assert.Equal(Signals.SIGKILL, child.WaitForExit().Signal);
        Assert.True(cgroup.WaitUntilEmpty(EmptyTimeout));
        Assert.False(cgroup.IsPopulated);
    }

    [SkippableFact]
    public void Kill_kills_grandchildren_that_double_forked_away_from_their_parent() =>
        KillsTheWholeTree(cgroup => cgroup.Kill(), "kill");

    [SkippableFact]
    public void The_freezing_fallback_of_Kill_kills_double_forked_grandchildren_too() =>
        KillsTheWholeTree(cgroup => cgroup.KillByFreezing(), "freeze");

    [SkippableFact]
    public void WaitUntilEmpty_times_out_while_a_process_lives_in_the_cgroup()
    {
        using var test = TestCgroup.Create("timeout");
        using var cgroup = Cgroup.Open(test.Path);
        using var child = SpawnInto(cgroup, "/bin/sleep", "1000");
        Assert.False(cgroup.WaitUntilEmpty(TimeSpan.FromMilliseconds(50)));
        child.SendSignal(Signals.SIGKILL);
        child.WaitForExit();
    }

    [SkippableFact]
    public async Task WaitUntilEmptyAsync_completes_when_the_last_process_exits()
    {
        using var test = TestCgroup.Create("async-empty");
        using var cgroup = Cgroup.Open(test.Path);
        using var child = SpawnInto(cgroup, "/bin/sleep", "1000");
        Task empty = cgroup.WaitUntilEmptyAsync();
        await Task.Delay(20);
        Assert.False(empty.IsCompleted);

        child.SendSignal(Signals.SIGKILL);
        await empty.WaitAsync(EmptyTimeout);
        Assert.False(cgroup.IsPopulated);
        child.WaitForExit();
    }

    [SkippableFact]
    public async Task Cancelling_WaitUntilEmptyAsync_leaves_the_cgroup_and_its_process_alone()
    {
        using var test = TestCgroup.Create("async-cancel");
        using var cgroup = Cgroup.Open(test.Path);
        using var child = SpawnInto(cgroup, "/bin/sleep", "1000");
        using var cancellation = new CancellationTokenSource();
        Task empty = cgroup.WaitUntilEmptyAsync(cancellation.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => empty);
        Assert.True(cgroup.IsPopulated);
        Assert.False(child.HasExited);
        cgroup.Kill();
        child.WaitForExit();
    }

    [SkippableFact]
    public void CpuStat_accounts_for_the_CPU_time_of_processes_that_already_exited()
    {
        using var test = TestCgroup.Create("cpu");
        using var cgroup = Cgroup.Open(test.Path);
        Assert.Equal(0, cgroup.CpuStat.UsageMicroseconds);
        using (var child = SpawnInto(cgroup, "/bin/sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done"))
            Assert.Equal(0, child.WaitForExit().ExitCode);

        CgroupCpuStat stat = cgroup.CpuStat;
        Assert.True(stat.Usage > TimeSpan.FromMilliseconds(5), $"the busy loop used {stat}");
        Assert.True(stat.UserMicroseconds + stat.SystemMicroseconds > 0, stat.ToString());
    }

    [SkippableFact]
    public void A_limit_without_its_controller_fails_with_an_error_naming_the_controller()
    {
        using var test = TestCgroup.Create("no-controller");
        using var cgroup = Cgroup.Open(test.Path);
        Skip.If(cgroup.Controllers.Contains("memory"), "the memory controller is enabled here; this test needs a cgroup without it");
        var exception = Assert.Throws<SpawnException>(() => cgroup.SetMemoryMax(64 << 20));
        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Contains("memory controller is not enabled", exception.Message, StringComparison.Ordinal);
        Assert.Contains("memory controller", Assert.Throws<SpawnException>(() => cgroup.MemoryPeak).Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Limits_are_written_where_their_controllers_are_enabled()
    {
        using var test = TestCgroup.Create("limits");
        using var parent = Cgroup.Open(test.Path);
        string[] wanted = ["memory", "pids", "cpu"];
        string[] missing = wanted.Except(parent.Controllers).ToArray();
        Skip.If(missing.Length > 0, $"controllers not available in {parent.Path}: {string.Join(", ", missing)} (cgroup.controllers: \"{string.Join(' ', parent.Controllers)}\")");

        parent.EnableSubtreeControllers(wanted);
        using var scope = parent.CreateChild("scope");
        scope.SetMemoryMax(64 << 20);
        scope.SetPidsMax(16);
        scope.SetCpuMax(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        Assert.Equal("67108864", File.ReadAllText(Path.Combine(scope.Path, "memory.max")).Trim());
        Assert.Equal("16", File.ReadAllText(Path.Combine(scope.Path, "pids.max")).Trim());
        Assert.Equal("50000 100000", File.ReadAllText(Path.Combine(scope.Path, "cpu.max")).Trim());

        using (var child = SpawnInto(scope, "/bin/true"))
            child.WaitForExit();
        Assert.True(scope.MemoryPeak > 0);
        Assert.True(scope.PidsPeak >= 1);
        scope.SetMemoryMax(null);
        Assert.Equal("max", File.ReadAllText(Path.Combine(scope.Path, "memory.max")).Trim());
    }

    private static void KillsTheWholeTree(Action<Cgroup> kill, string name)
    {
        using var test = TestCgroup.Create(name);
        using var cgroup = Cgroup.Open(test.Path);
        // Each grandchild's parent subshell exits at once, so the grandchild is reparented away from
        // the child we hold: only the cgroup still knows it.
        using var child = SpawnInto(cgroup, "/bin/sh", "-c", "(sleep 1000 &); (sleep 1000 &); exec sleep 1000");
        IReadOnlyList<int> tree = WaitForDoubleForkedTree(test, child.Pid);

        kill(cgroup);
        Assert.True(cgroup.WaitUntilEmpty(EmptyTimeout), "the cgroup did not empty");
        Assert.Equal(Signals.SIGKILL, child.WaitForExit().Signal);
        // A killed process leaves its cgroup inside do_exit (cgroup_exit), a moment before exit_notify
        // makes it a zombie: the cgroup can be empty while a grandchild still shows state R on its way out.
        foreach (int pid in tree)
            Assert.True(Orphans.WaitUntilGone(pid), $"process {pid} survived the kill in state {ProcessResources.ChildState(pid)}");
    }

    private static PidFd SpawnInto(Cgroup cgroup, params string[] argv)
    {
        using var attributes = new SpawnAttributes { Cgroup = cgroup.Handle };
        return Spawner.PidFdSpawn(argv[0], null, attributes, argv, null);
    }

    // The tree is ready when the child and both grandchildren run sleep and the subshells are gone.
    private static IReadOnlyList<int> WaitForDoubleForkedTree(TestCgroup cgroup, int childPid)
    {
        var deadline = DateTime.UtcNow + EmptyTimeout;
        while (true)
        {
            IReadOnlyList<int> pids = cgroup.Processes();
            if (pids.Count == 3 && pids.All(pid => Command(pid) == "sleep") && pids.Count(pid => ParentOf(pid) == childPid) == 0)
                return pids;
            Assert.True(DateTime.UtcNow < deadline, $"the tree never settled: {string.Join(", ", pids.Select(pid => $"{pid} {Command(pid)} parent {ParentOf(pid)}"))}");
            Thread.Sleep(5);
        }
    }

    private static string Command(int pid) => ReadProc(pid, "comm")?.Trim() ?? "gone";

    private static int ParentOf(int pid)
    {
        string? stat = ReadProc(pid, "stat");
        return stat is null ? 0 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static string? ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (IOException)
        {
            return null;
        }
    }
}
