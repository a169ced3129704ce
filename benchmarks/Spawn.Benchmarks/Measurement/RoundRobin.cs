using System.Diagnostics;

namespace Spawn.Benchmarks.Measurement;

/// <summary>
/// Runs every method once per round, round after round, in one process, rotating the order: on a
/// shared, noisy machine each method meets the same noise, so the ratios between them hold where
/// one-method-after-another runs drift.
/// </summary>
internal static class RoundRobin
{
    public static Timing[] Run(IReadOnlyList<Method> methods, int rounds, int warmupRounds)
    {
        for (int round = 0; round < warmupRounds; round++)
        {
            foreach (Method method in methods)
                method.Call();
        }

        var times = new double[methods.Count][];
        for (int i = 0; i < methods.Count; i++)
            times[i] = new double[rounds];
        var threadBytes = new long[methods.Count];
        var allBytes = new long[methods.Count];
        for (int round = 0; round < rounds; round++)
        {
            // Rotate the order so that no method always follows the same one.
            for (int k = 0; k < methods.Count; k++)
            {
                int i = (round + k) % methods.Count;
                long allBefore = GC.GetTotalAllocatedBytes(precise: true);
                long threadBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                methods[i].Call();
                times[i][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                threadBytes[i] += GC.GetAllocatedBytesForCurrentThread() - threadBefore;
                allBytes[i] += GC.GetTotalAllocatedBytes(precise: true) - allBefore;
            }
        }

        var timings = new Timing[methods.Count];
        for (int i = 0; i < methods.Count; i++)
        {
            Array.Sort(times[i]);
            timings[i] = new Timing(methods[i].Name, Percentile(times[i], 0.5), Percentile(times[i], 0.99),
                                    threadBytes[i] / rounds, allBytes[i] / rounds);
        }
        return timings;
    }

    /// <summary>The value at fraction <paramref name="p"/> of sorted samples (nearest rank).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
