using System.Diagnostics;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>Spawns per second with 1, 2, 8 and 32 threads spawning and waiting at once.</summary>
internal static class ThreadThroughput
{
    private static readonly int[] s_threads = [1, 2, 8, 32];

    public static Section Run(Settings settings)
    {
        string program = NativePrograms.ExitNow;
        using var spawn = new SpawnMethods(program);
        (string Name, Action Call)[] methods =
        [
            ("generated [SpawnSpec] method", spawn.Generated),
            ("SpawnCore, caller-built buffers", spawn.SpawnCoreCall),
            ("Spawner.PidFdSpawn, envp given", spawn.SpawnerWithEnvironment),
#if NET11_0_OR_GREATER
            ("SafeProcessHandle.Start + WaitForExit (.NET 11)", spawn.SafeProcessHandleStart),
#endif
            ("Process.Start + WaitForExit", spawn.ProcessStart),
        ];
        // rates[method][threads][round], rounds interleaved so that every cell meets the same noise.
        var rates = methods.Select(_ => s_threads.Select(_ => new double[settings.ThroughputRounds]).ToArray()).ToArray();
        for (int round = 0; round < settings.ThroughputRounds; round++)
        {
            for (int k = 0; k < methods.Length; k++)
            {
                int m = (round + k) % methods.Length;
                for (int t = 0; t < s_threads.Length; t++)
                    rates[m][t][round] = Burst(methods[m].Call, s_threads[t], settings.ThroughputBurst);
            }
        }

        var table = new MarkdownTable(["method", .. s_threads.Select(count => count == 1 ? "1 thread, spawns/s" : $"{count} threads, spawns/s"), "8 / 1 thread", "32 / 1 thread"]);
        var medians = new double[methods.Length][];
        for (int m = 0; m < methods.Length; m++)
        {
            medians[m] = [.. rates[m].Select(Median)];
            table.AddRow([methods[m].Name, .. medians[m].Select(Figures.Count), Figures.Ratio(medians[m][2] / medians[m][0]), Figures.Ratio(medians[m][3] / medians[m][0])]);
        }
        double generated8 = medians[0][2], process8 = medians[^1][2];
        string finding = $"With 8 threads on {RuntimeNames.Long} the generated method makes {Figures.Count(generated8)} spawns/s, Process.Start {Figures.Count(process8)}: "
            + $"{Figures.Ratio(generated8 / process8)}, at least 1.5x {Figures.AtLeast(generated8 / process8, 1.5)}; with 32 threads {Figures.Ratio(medians[0][3] / medians[^1][3])}, with 1 thread {Figures.Ratio(medians[0][0] / medians[^1][0])}. "
            + $"On {Environment.ProcessorCount} cores, 8 threads make {Figures.Ratio(generated8 / medians[0][1])} of what 2 threads make with the generated method, {Figures.Ratio(process8 / medians[^1][1])} with Process.Start.";
        return new Section("Throughput with several threads",
            $"Each thread spawns {NativePrograms.Describe(program)} and waits for it, in a loop, for {settings.ThroughputBurst.TotalMilliseconds:0} ms; median of {settings.ThroughputRounds} rounds (methods and thread counts interleaved).",
            [("Spawns per second:", table)], [finding]);
    }

    private static double Burst(Action call, int threads, TimeSpan duration)
    {
        long total = 0;
        using var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        long deadline = 0;
        for (int i = 0; i < threads; i++)
        {
            workers[i] = new Thread(() =>
            {
                start.SignalAndWait();
                long count = 0;
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref deadline))
                {
                    call();
                    count++;
                }
                Interlocked.Add(ref total, count);
            });
            workers[i].Start();
        }
        long began = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, began + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        start.SignalAndWait();
        foreach (Thread worker in workers)
            worker.Join();
        return total / Stopwatch.GetElapsedTime(began).TotalSeconds;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
