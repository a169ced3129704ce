using System.Globalization;
using System.Runtime.CompilerServices;
using Spawn.Forking;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// What the C core does to a forked child before it returns into managed code: a code heap of its
/// own (no view of the parent's W^X memfd left), and the exec watchdog.
/// </summary>
public sealed class ForkIsolationTests : Infrastructure.LeakCheckedTest
{
    private const string CodeHeap = "/memfd:doublemapper";

    [SkippableFact]
    public void The_child_has_the_same_code_heap_views_backed_by_a_memfd_of_its_own()
    {
        List<(string Range, string Inode)> parentViews = CodeHeapViews("self");
        Skip.If(parentViews.Count == 0, "this runtime has no double-mapped code heap (DOTNET_EnableWriteXorExecute=0)");
        var spin = 0;
        using PidFd child = Fork.Run(SpinUntilKilled, ref spin);
        try
        {
            // Run returns once the child is back in managed code, so its views are final.
            string pid = child.Pid.ToString(CultureInfo.InvariantCulture);
            List<(string Range, string Inode)> childViews = CodeHeapViews(pid);
            var parentInodes = CodeHeapViews("self").Concat(parentViews).Select(view => view.Inode).ToHashSet();
            List<string> childDescriptors = CodeHeapDescriptorInodes(pid);

            // Every view of the child, and the runtime's descriptor from which it maps new ones, is
            // one memfd: its own, not the parent's.
            Assert.NotEmpty(childViews);
            string childHeap = Assert.Single(childDescriptors);
            Assert.DoesNotContain(childHeap, parentInodes);
            Assert.All(childViews, view => Assert.Equal(childHeap, view.Inode));
        }
        finally
        {
            child.SendSignal(Signals.SIGKILL);
            child.WaitForExit();
        }
    }

    [Fact]
    public void The_watchdog_kills_a_child_that_neither_execs_nor_exits_in_time()
    {
        var spin = 0;
        var options = new ForkOptions { ExecDeadline = TimeSpan.FromMilliseconds(200) };
        using PidFd child = Fork.Run(SpinUntilKilled, ref spin, default, options, out ForkReport report);
        ExitStatus status = child.WaitForExit();
        Assert.True(report.Watchdog!.WaitForVerdict());
        Assert.Equal(Signals.SIGKILL, status.Signal);
        Assert.Contains("exec watchdog", report.Watchdog.Explain(status), StringComparison.Ordinal);
    }

    [Fact]
    public void The_watchdog_leaves_a_child_that_execs_in_time_alone()
    {
        using ExecArguments sleep = ExecArguments.Create("/bin/sleep", ["sleep", "0.3"], []);
        var options = new ForkOptions { ExecDeadline = TimeSpan.FromMilliseconds(5000) };
        var state = new ExecState { Exec = sleep };
        using PidFd child = Fork.Run(ExecOnly, ref state, default, options, out ForkReport report);
        Assert.False(report.Watchdog!.WaitForVerdict());
        Assert.Equal(0, child.WaitForExit().ExitCode);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SpinUntilKilled(ref int state)
    {
        while (Volatile.Read(ref state) == 0)
        {
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ExecOnly(ref ExecState state) => ForkChild.Exec(state.Exec);

    /// <summary>Every MAP_SHARED code heap view of a process: its address range and the memfd's inode.</summary>
    private static List<(string Range, string Inode)> CodeHeapViews(string pid) =>
        File.ReadAllLines($"/proc/{pid}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[1].EndsWith('s') && fields[5].StartsWith(CodeHeap, StringComparison.Ordinal))
            .Select(fields => (fields[0], fields[4]))
            .ToList();

    private static List<string> CodeHeapDescriptorInodes(string pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").GetFiles()
            .Where(fd => fd.LinkTarget?.StartsWith(CodeHeap, StringComparison.Ordinal) == true)
            .Select(fd => File.ReadAllLines($"/proc/{pid}/fdinfo/{fd.Name}").First(line => line.StartsWith("ino:", StringComparison.Ordinal))[4..].Trim())
            .ToList();
}

/// <summary>What a child that only execs needs.</summary>
internal struct ExecState
{
    public ExecArguments Exec;
}
