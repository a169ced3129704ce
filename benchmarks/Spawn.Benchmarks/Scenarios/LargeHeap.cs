using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Spawn + wait while the parent holds 0, 1, 2 and 4 GiB of live managed heap, then the small heap
/// again: a CLONE_VM spawn shares the parent's memory and should not care, a fork copies its page
/// tables and must grow. The second small-heap pass shows how far the machine drifted meanwhile.
/// </summary>
internal static class LargeHeap
{
    private const long GiB = 1L << 30;
    private static readonly long[] s_levels = [0, 1 * GiB, 2 * GiB, 4 * GiB, 0];

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
                if (level == s_levels.Length - 1)
                    ballast.Release();
                else
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

        var table = new MarkdownTable(["method", .. s_levels.Select((bytes, level) => Label(level)), "4 GiB / small", "same, relative to the C floor"]);
        double worst = 0;
        string worstName = "";
        int large = s_levels.Length - 2;
        double floorGrowth = Growth(medians, large, 0);
        for (int m = 0; m < methods.Length; m++)
        {
            double growth = Growth(medians, large, m);
            table.AddRow([methods[m].Name, .. medians.Select(level => Figures.Ms(level[m])), Figures.Ratio(growth), Figures.Ratio(growth / floorGrowth)]);
            if (!methods[m].Name.StartsWith("Fork", StringComparison.Ordinal) && growth > worst)
                (worst, worstName) = (growth, methods[m].Name);
        }
        string target = $"Flat within 1.15x from a small parent to a 4 GiB one: the most any spawn grew is {Figures.Ratio(worst)} ({worstName}): {Figures.AtMost(worst, 1.15)}; "
            + $"fork_np grew {Figures.Ratio(Growth(medians, large, methods.Length - 1))}, as a fork must (it copies the page tables of every resident page).";
        var chart = new BarChart("large-heap.svg", $"Spawn + wait of {NativePrograms.Describe(program)} by live parent heap, median", "ms",
            [.. methods.Select((method, m) => new BarGroup(method.Name, [.. s_levels.Take(large + 1).Select((bytes, level) => new Bar(Label(level), medians[level][m]))]))]);
        return new Section("Spawn + wait with a large parent heap",
            $"The parent holds racks of references to 16 KiB arrays (every page written, so resident), then runs every method in turn, {settings.HeapRounds} rounds per heap size; the table shows medians in ms. "
            + $"The child is {NativePrograms.Describe(program)}, so the spawn is most of what is timed. \"4 GiB / small\" divides by the mean of the two small-heap passes; the last column divides that by the C floor's own growth (the machine's drift). "
            + "Heap sizes as measured: " + string.Join("; ", s_levels.Select((bytes, level) => $"{Label(level)}: {heapSizes[level]}")) + ".",
            [("Median ms by live heap:", table)], [target], chart);
    }

    private static double Growth(double[][] medians, int large, int method) =>
        medians[large][method] / ((medians[0][method] + medians[^1][method]) / 2);

    private static string Label(int level) =>
        level == s_levels.Length - 1 ? "small heap again" : s_levels[level] == 0 ? "small heap" : $"{s_levels[level] / GiB} GiB";
}
