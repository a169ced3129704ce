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
#if NET11_0_OR_GREATER
                new("Process.Run (.NET 11)", spawn.ProcessRun),
                new("SafeProcessHandle.Start + WaitForExit (.NET 11)", spawn.SafeProcessHandleStart),
                // The benchmark runs on Linux only (the C floor, pidfds).
#pragma warning disable CA1416
                new("Process.Start, KillOnParentExit (.NET 11)", spawn.ProcessStartKillOnParentExit),
#pragma warning restore CA1416
#endif
                new("CliWrap 3.10.5 ExecuteAsync", spawn.CliWrap),
            ];
            Timing[] timings = RoundRobin.Run(methods, settings.SpawnRounds, settings.WarmupRounds);
            results.Add((program, timings));
            tables.Add(($"{NativePrograms.Describe(program)}, {settings.SpawnRounds} rounds:", TimingTable.Create(timings, "C floor")));
        }

        foreach ((string program, Timing[] timings) in results)
        {
            double floor = timings[0].MedianMs, processStart = Timing.Find(timings, "Process.Start").MedianMs;
            Timing generated = Timing.Find(timings, "generated"), core = Timing.Find(timings, "SpawnCore"), spawner = Timing.Find(timings, "envp null");
            string name = NativePrograms.Describe(program);
            double worst = Math.Max(generated.MedianMs, core.MedianMs) / floor;
            double freshStack = Timing.Find(timings, "fresh stack").MedianMs / floor;
            targets.Add($"Within 1.10x of the C floor, {name}: generated {Figures.Ratio(generated.MedianMs / floor)}, SpawnCore {Figures.Ratio(core.MedianMs / floor)}, Spawner {Figures.Ratio(spawner.MedianMs / floor)}: {Figures.AtMost(worst, 1.10)} (generated and SpawnCore)"
                + (worst > 1.10 ? $". The same C floor mapping a fresh stack with a guard page per spawn, as the core does, is already {Figures.Ratio(freshStack)}: that much of the gap is the core's per-spawn stack." : "."));
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
}
