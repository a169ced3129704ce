using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Forking;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// <c>Fork.Run</c> while the runtime collects garbage without pause: one thread calls
/// <c>GC.Collect()</c> in a loop and one allocates, W^X on. The first fork of a process (it pays the
/// one-time preparation) can only be measured once per process, so each sample is a fresh dotnet
/// process running this program in its child mode (<see cref="RunChild"/>): its first fork and the
/// later ones, under pressure or not, with or without <c>Fork.Prepare(child)</c> at startup.
/// </summary>
internal static class ForkUnderGcPressure
{
    /// <summary>The argument that starts this program in its child mode.</summary>
    public const string ChildMode = "fork-gc-child";

    private static readonly TimeSpan s_processTimeout = TimeSpan.FromMinutes(4);

    private sealed record Variant(string Name, bool Pressure, bool PrepareFirst);

    private static readonly Variant[] s_variants =
    [
        new("no GC pressure", Pressure: false, PrepareFirst: false),
        new("GC pressure", Pressure: true, PrepareFirst: false),
        new("GC pressure, Fork.Prepare(child) at startup", Pressure: true, PrepareFirst: true),
    ];

    public static Section Run(Settings settings)
    {
        var table = new MarkdownTable("variant", "fork", "samples", "median ms", "p99 ms", "max ms", "failed (deadline)");
        var targets = new List<string>();
        foreach (Variant variant in s_variants)
        {
            var first = new List<double>();
            var later = new List<double>();
            int failed = 0;
            for (int process = 0; process < settings.ForkProcesses; process++)
            {
                foreach (string line in RunProcess(variant, settings.ForksPerProcess))
                {
                    string[] parts = line.Split(' ');
                    if (parts[0] == "failed")
                        failed++;
                    else if (parts[0] is "first" or "later")
                        (parts[0] == "first" ? first : later).Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
                }
            }
            first.Sort();
            later.Sort();
            AddRow(table, variant.Name, "first", first, failed);
            AddRow(table, variant.Name, "later", later, failed);
            if (variant.Pressure && !variant.PrepareFirst)
            {
                targets.Add($"GC pressure, first fork p99 under 1 s: {Figures.Ms(P99(first))} ms: {(P99(first) < 1000 ? "**met**" : "**missed**")}.");
                targets.Add($"GC pressure, later forks p99 under 250 ms: {Figures.Ms(P99(later))} ms: {(P99(later) < 250 ? "**met**" : "**missed**")}.");
                targets.Add($"No call over the deadline: {failed} failed with ETIMEDOUT.");
            }
        }
        return new Section("fork_np under GC pressure",
            $"Fork.Run (child exits at once) in {settings.ForkProcesses} fresh processes per variant, {settings.ForksPerProcess} forks each, W^X on; "
            + "pressure is one thread calling GC.Collect() in a loop and one allocating.",
            [("Per call of Fork.Run:", table)], targets);
    }

    private static void AddRow(MarkdownTable table, string variant, string fork, List<double> sorted, int failed) =>
        table.AddRow(variant, fork, sorted.Count.ToString(CultureInfo.InvariantCulture),
                     sorted.Count == 0 ? "-" : Figures.Ms(RoundRobin.Percentile([.. sorted], 0.5)),
                     sorted.Count == 0 ? "-" : Figures.Ms(P99(sorted)),
                     sorted.Count == 0 ? "-" : Figures.Ms(sorted[^1]),
                     failed.ToString(CultureInfo.InvariantCulture));

    private static double P99(List<double> sorted) => sorted.Count == 0 ? double.NaN : RoundRobin.Percentile([.. sorted], 0.99);

    private static List<string> RunProcess(Variant variant, int forks)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Started as "dotnet Spawn.Benchmarks.dll" or through its apphost (dotnet run).
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(ForkUnderGcPressure).Assembly.Location);
        start.ArgumentList.Add(ChildMode);
        start.ArgumentList.Add(variant.Pressure ? "pressure" : "quiet");
        start.ArgumentList.Add(variant.PrepareFirst ? "prepare" : "lazy");
        start.ArgumentList.Add(forks.ToString(CultureInfo.InvariantCulture));
        start.Environment["DOTNET_EnableWriteXorExecute"] = "1";
        using Process process = Process.Start(start)!;
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                    lines.Add(line);
            }
        };
        process.BeginOutputReadLine();
        if (!process.WaitForExit(s_processTimeout))
        {
            process.Kill();
            process.WaitForExit();
            lock (lines)
                lines.Add("failed process-timeout");
        }
        process.WaitForExit();
        lock (lines)
            return [.. lines];
    }

    // The child runs ExitAtOnce, which returns at once: the risk SPAWN0109 names is understood.
#pragma warning disable SPAWN0109
    /// <summary>The child mode: <c>pressure|quiet prepare|lazy forks</c>. Prints <c>first ms</c>, then
    /// <c>later ms</c> per fork, or <c>failed</c> for a call that gave up.</summary>
    public static int RunChild(string[] args)
    {
        bool pressure = args[1] == "pressure";
        bool prepare = args[2] == "prepare";
        int forks = int.Parse(args[3], CultureInfo.InvariantCulture);
        if (prepare)
            Fork.Prepare<int>(ExitAtOnce);
        using var stop = new CancellationTokenSource();
        if (pressure)
            StartPressure(stop.Token);
        int state = 0;
        for (int i = 0; i < forks; i++)
        {
            long started = Stopwatch.GetTimestamp();
            string kind = i == 0 ? "first" : "later";
            try
            {
                using PidFd child = Fork.Run(ExitAtOnce, ref state, default, new ForkOptions(), out _);
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind} {ms:0.000}"));
                child.WaitForExit();
            }
            catch (SpawnException e)
            {
                Console.WriteLine($"failed {e.Message.Replace(' ', '_')}");
            }
        }
        stop.Cancel();
        return 0;
    }

#pragma warning restore SPAWN0109

    /// <summary>The pressure: one thread calling <c>GC.Collect()</c> in a loop and one allocating, until
    /// <paramref name="stop"/>; returns once both have run for 100 ms.</summary>
    internal static void StartPressure(CancellationToken stop)
    {
        StartThread(() =>
        {
            while (!stop.IsCancellationRequested)
                GC.Collect();
        });
        StartThread(() =>
        {
            var kept = new object[4096];
            for (int i = 0; !stop.IsCancellationRequested; i++)
                kept[i & 4095] = new byte[(i & 255) + 16];
        });
        Thread.Sleep(100);
    }

    private static void StartThread(Action body) => new Thread(() => body()) { IsBackground = true }.Start();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ExitAtOnce(ref int state) => 0;
}
