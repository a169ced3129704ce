using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Spawn.Forking;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// The GC stress of fork_np: forks children one after another while one thread calls
/// <c>GC.Collect</c> in a loop and another allocates, so that many forks meet a garbage collection
/// (tiered compilation stays on). Each child is back in managed code, runs the toolkit and exits
/// with a known code. Used in process (W^X on) and by <see cref="ForkStressProgram"/> in a child
/// dotnet process (W^X off).
/// </summary>
internal static class ForkStress
{
    private const int ChildExitCode = 3;

    /// <summary>What a run measured; <see cref="ToString"/> is the line the program prints.</summary>
    internal sealed record Result(int Forks, int Failures, int Retries, int Suspended, int Hung, int MaxAttempts,
                                  double MedianMilliseconds, double P99Milliseconds, int Collections, bool CodeHeapShared)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"forks={Forks} failures={Failures} retries={Retries} suspended={Suspended} hung={Hung} maxAttempts={MaxAttempts} " +
            $"median={MedianMilliseconds:0.000}ms p99={P99Milliseconds:0.000}ms collections={Collections} doublemapped={CodeHeapShared}");

        public static Result Parse(string line)
        {
            Dictionary<string, string> fields = line.Split(' ').Select(field => field.Split('=')).ToDictionary(pair => pair[0], pair => pair[1].Replace("ms", "", StringComparison.Ordinal));
            int Int(string name) => int.Parse(fields[name], CultureInfo.InvariantCulture);
            double Double(string name) => double.Parse(fields[name], CultureInfo.InvariantCulture);
            return new Result(Int("forks"), Int("failures"), Int("retries"), Int("suspended"), Int("hung"), Int("maxAttempts"),
                              Double("median"), Double("p99"), Int("collections"), bool.Parse(fields["doublemapped"]));
        }
    }

    /// <summary>
    /// How many forks a stress makes: 300 in the default suite, which must stay well under CI's
    /// time budget (2,000 forks take 3 minutes per configuration on a quiet 2-core machine and
    /// over 15 under load), else SPAWN_FORK_STRESS_COUNT (2000 for the full run, 10000 for the long one).
    /// </summary>
    internal static int DefaultForks =>
        int.TryParse(Environment.GetEnvironmentVariable("SPAWN_FORK_STRESS_COUNT"), CultureInfo.InvariantCulture, out int count) ? count : 300;

    /// <summary>Whether this process's runtime keeps its code heap double-mapped (W^X on): the mapping fork hazard 8 is about.</summary>
    internal static bool CodeHeapIsShared() =>
        File.ReadAllText("/proc/self/maps").Contains("/memfd:doublemapper", StringComparison.Ordinal);

    internal static Result Run(int forks)
    {
        bool shared = CodeHeapIsShared();
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
                GC.Collect();
        }) { IsBackground = true };
        var allocator = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                keep.Add(new byte[512]);
                if (keep.Count > 4096)
                    keep.Clear();
            }
        }) { IsBackground = true };
        int collectionsBefore = GC.CollectionCount(0);
        collector.Start();
        allocator.Start();

        var times = new double[forks];
        int failures = 0, retries = 0, suspended = 0, hung = 0, maxAttempts = 0;
        try
        {
            for (int i = 0; i < forks; i++)
            {
                long start = Stopwatch.GetTimestamp();
                ForkReport report = ForkOnce(out ExitStatus status);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!status.Exited || status.ExitCode != ChildExitCode)
                    failures++;
                retries += report.Attempts - 1;
                suspended += report.SuspendedChildren;
                hung += report.HungChildrenKilled;
                maxAttempts = Math.Max(maxAttempts, report.Attempts);
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
            allocator.Join();
        }

        Array.Sort(times);
        return new Result(forks, failures, retries, suspended, hung, maxAttempts, times[forks / 2], times[forks * 99 / 100],
                          GC.CollectionCount(0) - collectionsBefore, shared);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ForkReport ForkOnce(out ExitStatus status)
    {
        var args = new ForkNpArgs { Flags = ForkNpFlags.PidFd };
        int pid = Fork.ForkNp(ref args, new ForkOptions(), out ForkReport report);
        if (pid == 0)
        {
            ForkChild.Umask(0x12);
            ForkChild.Exit(ChildExitCode);
        }

        using PidFd child = PidFd.FromRaw(args.PidFd, pid);
        status = child.WaitForExit();
        return report;
    }
}
