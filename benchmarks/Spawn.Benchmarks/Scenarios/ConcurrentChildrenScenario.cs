using Spawn.Benchmarks.Lifecycle;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>The page's section for <see cref="ConcurrentChildren"/>: 1, 100 and 10,000 children alive and awaited at once.</summary>
internal static class ConcurrentChildrenScenario
{
    public static Section Run(Settings settings)
    {
        ConcurrentChildren.Level[] levels = ConcurrentChildren.RunAsync(NativePrograms.ExitOnEof, settings.ChildrenInFlight, settings.ChildrenPerConcurrency).GetAwaiter().GetResult();
        var table = new MarkdownTable("children in flight", "children", "children/s", "spawn, ms/child", "start await, ms/child", "release to all reaped, ms", "B/child (all threads)", "peak threads", "children left after");
        foreach (ConcurrentChildren.Level level in levels)
        {
            table.AddRow(Figures.Count(level.InFlight), Figures.Count(level.Children), Figures.Count(level.ChildrenPerSecond), Figures.Ms(level.SpawnMsPerChild), Figures.Ms(level.AwaitStartMsPerChild),
                         level.ReleaseToReapedMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Figures.Count(level.BytesPerChild),
                         Figures.Count(level.PeakThreads), Figures.Count(level.ChildrenLeft));
        }
        ConcurrentChildren.Level largest = levels[^1];
        string finding = $"{Figures.Count(largest.InFlight)} children awaited at once by {Figures.Count(largest.PeakThreads)} threads: released together, all were reaped {largest.ReleaseToReapedMs:0} ms later; "
            + $"children left (zombies included) after each level: {string.Join(", ", levels.Select(level => level.ChildrenLeft))}.";
        return new Section("Children awaited at once",
            $"Each round spawns N copies of {NativePrograms.Describe(NativePrograms.ExitOnEof)} reading one pipe, starts PidFd.WaitForExitAsync on each as it is born, then closes the pipe: all exit together. "
            + $"About {settings.ChildrenPerConcurrency:#,0} children per level, in rounds of N (at least one round).",
            [("Per level:", table)], [finding]);
    }
}
