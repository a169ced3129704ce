using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>Spawn and wait for /bin/true and for a static program without libc, every way at once.</summary>
internal static class SpawnAndWait
{
    public static Section Run(Settings settings)
    {
        var tables = new List<(string, MarkdownTable)>();
        var targets = new List<string>();
        var results = new List<(string Program, Timing[] Timings)>();
        foreach (string program in new[] { NativePrograms.BinTrue, NativePrograms.ExitNow })
        {
            using var spawn = new SpawnMethods(program);
            Method[] methods =
            [
                new("C floor (clone VM|VFORK|PIDFD + waitid)", spawn.CFloor),
                new("C floor + a fresh stack per spawn", spawn.CFloorFreshStack),
                new("generated [SpawnSpec] method", spawn.Generated),
                new("SpawnCore, caller-built buffers", spawn.SpawnCoreCall),
                new("Spawner.PidFdSpawn, envp null", spawn.Spawner),
                new("Spawner.PidFdSpawn, envp given", spawn.SpawnerWithEnvironment),
                new("Process.Start + WaitForExit", spawn.ProcessStart),
                new("CliWrap 3.10.5 ExecuteAsync", spawn.CliWrap),
            ];
            Timing[] timings = RoundRobin.Run(methods, settings.SpawnRounds, settings.WarmupRounds);
            results.Add((program, timings));
            tables.Add(($"{NativePrograms.Describe(program)}, {settings.SpawnRounds} rounds:", Table(timings)));
        }

        foreach ((string program, Timing[] timings) in results)
        {
            double floor = timings[0].MedianMs, processStart = Find(timings, "Process.Start").MedianMs;
            Timing generated = Find(timings, "generated"), core = Find(timings, "SpawnCore"), spawner = Find(timings, "envp null");
            string name = NativePrograms.Describe(program);
            double worst = Math.Max(generated.MedianMs, core.MedianMs) / floor;
            double freshStack = Find(timings, "fresh stack").MedianMs / floor;
            targets.Add($"Within 1.10x of the C floor, {name}: generated {Figures.Ratio(generated.MedianMs / floor)}, SpawnCore {Figures.Ratio(core.MedianMs / floor)}, Spawner {Figures.Ratio(spawner.MedianMs / floor)}: {Figures.AtMost(worst, 1.10)} (generated and SpawnCore)"
                + (worst > 1.10 ? $". The same C floor mapping a fresh stack with a guard page per spawn, as the core does, is already {Figures.Ratio(freshStack)}: that part of the gap is the core's stack, the rest its signal-mask and error-reporting work." : "."));
            double speedup = processStart / generated.MedianMs, ceiling = processStart / floor;
            targets.Add($"At least 1.3x faster than Process.Start, {name}: generated {Figures.Ratio(speedup)}, SpawnCore {Figures.Ratio(processStart / core.MedianMs)}, Spawner {Figures.Ratio(processStart / spawner.MedianMs)}: {Figures.AtLeast(speedup, 1.3)}"
                + (speedup < 1.3 ? $". Even the C floor is only {Figures.Ratio(ceiling)} faster than Process.Start here, so no spawner can reach 1.3x: the floor's {Figures.Ms(floor)} ms (clone, exec, the program's own start and exit, waitid) are paid whatever spawns it." : "."));
            targets.Add($"Zero bytes per spawn + wait, {name}: generated {Figures.Bytes(generated.ThreadBytesPerOp)} B (all threads {Figures.Bytes(generated.AllBytesPerOp)} B), SpawnCore {Figures.Bytes(core.ThreadBytesPerOp)} B (all threads {Figures.Bytes(core.AllBytesPerOp)} B): {(generated.ThreadBytesPerOp == 0 && core.ThreadBytesPerOp == 0 ? "**met**" : "**missed**")}.");
        }

        var chart = new BarChart("spawn-and-wait.svg", "Spawn + wait, median (lower is better)", "ms",
            [.. results[0].Timings.Select((timing, i) => new BarGroup(timing.Name,
                [.. results.Select(result => new Bar(NativePrograms.Describe(result.Program), result.Timings[i].MedianMs))]))]);
        return new Section("Spawn + wait",
            "Each method spawns the program and waits for it to exit, once per round, all methods in turn in one process (the order rotates every round). "
            + "Allocated bytes are counted on the calling thread and, in the next column, on all threads (Process and CliWrap reap on helper threads).",
            tables, targets, chart);
    }

    /// <summary>The common table of a round-robin run: the first row is the reference the ratios divide by.</summary>
    public static MarkdownTable Table(Timing[] timings, string reference = "C floor")
    {
        double floor = timings[0].MedianMs;
        double processStart = timings.FirstOrDefault(t => t.Name.StartsWith("Process.Start", StringComparison.Ordinal))?.MedianMs ?? double.NaN;
        var table = new MarkdownTable("method", "median ms", "p99 ms", "B/op (this thread)", "B/op (all threads)", $"vs {reference}", "Process.Start / this");
        foreach (Timing timing in timings)
        {
            table.AddRow(timing.Name, Figures.Ms(timing.MedianMs), Figures.Ms(timing.P99Ms), Figures.Bytes(timing.ThreadBytesPerOp),
                         Figures.Bytes(timing.AllBytesPerOp), Figures.Ratio(timing.MedianMs / floor),
                         double.IsNaN(processStart) ? "-" : Figures.Ratio(processStart / timing.MedianMs));
        }
        return table;
    }

    public static Timing Find(Timing[] timings, string namePart) =>
        timings.First(timing => timing.Name.Contains(namePart, StringComparison.Ordinal));
}
