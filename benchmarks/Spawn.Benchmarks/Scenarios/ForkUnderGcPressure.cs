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
/// later ones, under pressure or not, with or without <c>Fork.Prepare(child)</c> at startup. A last
/// variant forks nothing: under the same pressure, in processes of their own, it times calls that run
/// no managed code in a child, as a baseline for what the pressure alone does to a calling thread: a
/// spawn (<c>Spawner.PidFdSpawn</c> of a program that exits at once), the runtime's own
/// <c>Process.Start</c> of it, and <c>PidFd.Open</c> of the process's own pid (one P/Invoke and one
/// handle allocated, the least a fork's parent side does).
/// </summary>
internal static class ForkUnderGcPressure
{
    /// <summary>The argument that starts this program in its child mode.</summary>
    public const string ChildMode = "fork-gc-child";

    private static readonly TimeSpan s_processTimeout = TimeSpan.FromMinutes(4);

    private sealed record Variant(string Name, bool Pressure, bool PrepareFirst, bool Baseline = false);

    // The baseline variant's rows, also the child mode's line prefixes.
    private const string SpawnRow = "Spawner.PidFdSpawn";
    private const string OpenRow = "PidFd.Open(self)";
    private const string ProcessRow = "Process.Start";

    private static readonly Variant[] s_variants =
    [
        new("no GC pressure", Pressure: false, PrepareFirst: false),
        new("GC pressure", Pressure: true, PrepareFirst: false),
        new("GC pressure, Fork.Prepare(child) at startup", Pressure: true, PrepareFirst: true),
        new("GC pressure, no fork (baseline)", Pressure: true, PrepareFirst: false, Baseline: true),
    ];

    public static Section Run(Settings settings)
    {
        var table = new MarkdownTable("variant", "call", "samples", "median ms", "p99 ms", "max ms", "failed (deadline)");
        var targets = new List<string>();
        foreach (Variant variant in s_variants)
        {
            // Each line is "<row> <first|later> <ms>", or "failed <why>".
            var samples = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
            int failed = 0;
            for (int process = 0; process < settings.ForkProcesses; process++)
            {
                foreach (string line in RunProcess(variant, settings.ForksPerProcess, process))
                {
                    string[] parts = line.Split(' ');
                    if (parts[0] == "failed")
                        failed++;
                    else if (parts.Length == 3)
                        Samples(samples, $"{parts[0]} {parts[1]}").Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
                }
            }
            foreach ((string row, List<double> sorted) in samples)
            {
                sorted.Sort();
                AddRow(table, variant.Name, row, sorted, failed);
            }
            List<double> first = Samples(samples, "fork first"), later = Samples(samples, "fork later");
            if (variant.Pressure && !variant.PrepareFirst && !variant.Baseline)
            {
                targets.Add($"GC pressure, first fork p99 under 1 s: {Figures.Ms(P99(first))} ms: {(P99(first) < 1000 ? "**met**" : "**missed**")}.");
                targets.Add($"GC pressure, later forks p99 under 250 ms: {Figures.Ms(P99(later))} ms: {(P99(later) < 250 ? "**met**" : "**missed**")}.");
                targets.Add($"No call over the deadline: {failed} failed with ETIMEDOUT.");
            }
            if (variant.Baseline)
            {
                string Tail(string row) =>
                    $"{row} first p99 {Figures.Ms(P99(Samples(samples, $"{row} first")))} ms, later p99 {Figures.Ms(P99(Samples(samples, $"{row} later")))} ms";
                targets.Add($"The same pressure without a fork: {Tail(SpawnRow)}; {Tail(ProcessRow)}; {Tail(OpenRow)}.");
            }
        }
        return new Section("fork_np under GC pressure",
            $"Fork.Run (child exits at once) in {settings.ForkProcesses} fresh processes per variant, {settings.ForksPerProcess} forks each, W^X on; "
            + "pressure is one thread calling GC.Collect() in a loop and one allocating. The baseline variant's processes fork nothing: "
            + "they make as many calls of each baseline instead (a spawn with Spawner and with Process.Start, PidFd.Open of the process itself).",
            [("Per call:", table)], targets);
    }

    private static List<double> Samples(IDictionary<string, List<double>> samples, string row) =>
        samples.TryGetValue(row, out List<double>? list) ? list : samples[row] = [];

    private static void AddRow(MarkdownTable table, string variant, string fork, List<double> sorted, int failed) =>
        table.AddRow(variant, fork, sorted.Count.ToString(CultureInfo.InvariantCulture),
                     sorted.Count == 0 ? "-" : Figures.Ms(RoundRobin.Percentile([.. sorted], 0.5)),
                     sorted.Count == 0 ? "-" : Figures.Ms(P99(sorted)),
                     sorted.Count == 0 ? "-" : Figures.Ms(sorted[^1]),
                     failed.ToString(CultureInfo.InvariantCulture));

    private static double P99(List<double> sorted) => sorted.Count == 0 ? double.NaN : RoundRobin.Percentile([.. sorted], 0.99);

    private static List<string> RunProcess(Variant variant, int forks, int index)
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
        start.ArgumentList.Add(variant.Baseline ? "baseline" : variant.PrepareFirst ? "prepare" : "lazy");
        start.ArgumentList.Add(forks.ToString(CultureInfo.InvariantCulture));
        // The baseline's first spawn: Spawner's in even processes, Process.Start's in odd ones.
        start.ArgumentList.Add(index % 2 == 0 ? SpawnRow : ProcessRow);
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
    /// <summary>The child mode: <c>pressure|quiet prepare|lazy|baseline count first-spawner</c>. Prints
    /// <c>fork first ms</c>, then <c>fork later ms</c> per fork, or <c>failed</c> for a call that gave
    /// up; with <c>baseline</c>, a line per baseline call instead of forks.</summary>
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
                if (args[2] == "baseline")
                {
                    TimeBaselines(kind, spawnerFirst: args[4] == SpawnRow);
                    continue;
                }
                using PidFd child = Fork.Run(ExitAtOnce, ref state, default, new ForkOptions(), out _);
                Print("fork", kind, started);
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

    // A process's first spawn pays for what both spawners share (its first P/Invokes, handles, the
    // child's exit), so only the spawn made first in the process is a "first"; the other one's first
    // call is left out.
    private static void TimeBaselines(string kind, bool spawnerFirst)
    {
        if (spawnerFirst)
        {
            SpawnWithSpawner(kind);
            SpawnWithProcess(kind == "first" ? null : kind);
        }
        else
        {
            SpawnWithProcess(kind);
            SpawnWithSpawner(kind == "first" ? null : kind);
        }
        long started = Stopwatch.GetTimestamp();
        using (PidFd.Open(Environment.ProcessId))
            Print(OpenRow, kind, started);
    }

    private static void SpawnWithSpawner(string? kind)
    {
        long started = Stopwatch.GetTimestamp();
        using PidFd spawned = Spawner.PidFdSpawn(NativePrograms.ExitNow, null, null, [NativePrograms.ExitNow], null);
        if (kind is not null)
            Print(SpawnRow, kind, started);
        spawned.WaitForExit();
    }

    private static void SpawnWithProcess(string? kind)
    {
        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(NativePrograms.ExitNow);
        if (kind is not null)
            Print(ProcessRow, kind, started);
        process.WaitForExit();
    }

    private static void Print(string row, string kind, long started) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row} {kind} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.000}"));

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
