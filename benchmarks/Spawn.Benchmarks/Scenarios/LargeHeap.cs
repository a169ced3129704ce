using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Spawn + wait while the parent holds 0, 1, 2 and 4 GiB of live managed heap: a CLONE_VM spawn
/// shares the parent's memory and should not care, a fork copies its page tables and must grow.
/// The levels run one after another, minutes apart, so each is also divided by the C floor of the
/// same level: the floor's clone(CLONE_VM) cannot depend on the heap, its change is the machine's drift.
/// </summary>
internal static class LargeHeap
{
    private const long GiB = 1L << 30;
    private static readonly long[] s_levels = [0, 1 * GiB, 2 * GiB, 4 * GiB];

    public static Section Run(Settings settings)
    {
        string program = NativePrograms.ExitNow;
        using var spawn = new SpawnMethods(program);
        Method[] methods =
        [
            new("C floor (clone VM|VFORK|PIDFD + waitid)", spawn.CFloor),
            new("generated [SpawnSpec] method", spawn.Generated),
            new("SpawnCore, caller-built buffers", spawn.SpawnCoreCall),
            new("Spawner.PidFdSpawn, envp given", spawn.SpawnerWithEnvironment),
            new("Process.Start + WaitForExit", spawn.ProcessStart),
            new("Fork.Run (fork_np) + ForkChild.Exec", spawn.ForkNpExec),
        ];
        var ballast = new HeapBallast();
        var medians = new double[s_levels.Length][];
        var heapSizes = new string[s_levels.Length];
        try
        {
            for (int level = 0; level < s_levels.Length; level++)
            {
                ballast.GrowTo(s_levels[level]);
                long heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
                heapSizes[level] = $"{heap / (double)GiB:0.00} GiB heap, {Environment.WorkingSet / (double)GiB:0.00} GiB resident";
                medians[level] = [.. RoundRobin.Run(methods, settings.HeapRounds, settings.WarmupRounds / 2).Select(timing => timing.MedianMs)];
            }
        }
        finally
        {
            ballast.Release();
        }

        var table = new MarkdownTable(["method", .. s_levels.Select(Label), "4 GiB / small", "4 GiB / small, relative to the C floor"]);
        double worst = 0;
        string worstName = "";
        double floorGrowth = medians[^1][0] / medians[0][0];
        for (int m = 0; m < methods.Length; m++)
        {
            double growth = medians[^1][m] / medians[0][m];
            table.AddRow([methods[m].Name, .. medians.Select(level => Figures.Ms(level[m])), Figures.Ratio(growth), Figures.Ratio(growth / floorGrowth)]);
            if (m > 0 && !methods[m].Name.StartsWith("Fork", StringComparison.Ordinal) && growth / floorGrowth > worst)
                (worst, worstName) = (growth / floorGrowth, methods[m].Name);
        }
        double forkGrowth = medians[^1][^1] / medians[0][^1] / floorGrowth;
        string target = $"Flat within 1.15x from a small parent to a 4 GiB one (relative to the C floor, which itself moved {Figures.Ratio(floorGrowth)} with the machine's drift): "
            + $"the most any spawn grew is {Figures.Ratio(worst)} ({worstName}): {Figures.AtMost(worst, 1.15)}; fork_np grew {Figures.Ratio(forkGrowth)}, as a fork must (it copies the page tables of every resident page).";
        var chart = new BarChart("large-heap.svg", $"Spawn + wait of {NativePrograms.Describe(program)} by live parent heap, median", "ms",
            [.. methods.Select((method, m) => new BarGroup(method.Name, [.. s_levels.Select((bytes, level) => new Bar(Label(bytes), medians[level][m]))]))]);
        return new Section("Spawn + wait with a large parent heap",
            $"The parent holds racks of references to 16 KiB arrays (every page written, so resident), then runs every method in turn, {settings.HeapRounds} rounds per heap size; the table shows medians in ms. "
            + $"The child is {NativePrograms.Describe(program)}, so the spawn is most of what is timed. The levels run one after another, minutes apart, on a machine whose speed drifts: the last column divides each growth by the C floor's, whose clone(CLONE_VM) cannot depend on the heap. "
            + "Heap sizes as measured: " + string.Join("; ", s_levels.Select((bytes, level) => $"{Label(bytes)}: {heapSizes[level]}")) + ".",
            [("Median ms by live heap:", table)], [target], chart);
    }

    private static string Label(long bytes) => bytes == 0 ? "small heap" : $"{bytes / GiB} GiB";
}
