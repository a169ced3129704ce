using System.Diagnostics;
using System.Globalization;

namespace Spawn.Benchmarks;

/// <summary>
/// Runs every spawn-and-wait method of <see cref="SpawnAndWaitBenchmarks"/> in turn, round after
/// round, in one process: on a shared, noisy machine each method meets the same noise, so the
/// ratios hold where BenchmarkDotNet's one-method-after-another runs drift.
/// <c>dotnet run -c Release --project benchmarks/Spawn.Benchmarks -- interleaved [rounds]</c>
/// </summary>
internal static class InterleavedRun
{
    public static void Run(int rounds)
    {
        var subject = new SpawnAndWaitBenchmarks();
        (string Name, Action Call)[] methods =
        [
            ("C floor (clone VM|VFORK|PIDFD + waitid)", () => subject.CFloor()),
            ("SpawnCore, stack buffers", () => subject.LowLevel()),
            ("Spawner.PidFdSpawn + WaitForExit", () => subject.PidFdSpawn()),
            ("Process.Start + WaitForExit", () => subject.ProcessStart()),
        ];
        var times = methods.Select(_ => new List<double>(rounds)).ToArray();
        var allocated = new long[methods.Length];

        for (int warm = 0; warm < 50; warm++)
        {
            foreach ((_, Action call) in methods)
                call();
        }
        for (int round = 0; round < rounds; round++)
        {
            // Rotate the order so that no method always follows the same one.
            for (int k = 0; k < methods.Length; k++)
            {
                int i = (round + k) % methods.Length;
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                methods[i].Call();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                allocated[i] += GC.GetAllocatedBytesForCurrentThread() - before;
                times[i].Add(ms);
            }
        }

        double floor = Median(times[0]);
        double processStart = Median(times[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spawn + wait of /bin/true, {rounds} interleaved rounds, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
        Console.WriteLine("| method | median ms | p99 ms | allocated B/op | vs C floor | Process.Start / this |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < methods.Length; i++)
        {
            double median = Median(times[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {methods[i].Name} | {median:0.000} | {Percentile(times[i], 0.99):0.000} | {allocated[i] / rounds} | {median / floor:0.00}x | {processStart / median:0.00}x |"));
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
