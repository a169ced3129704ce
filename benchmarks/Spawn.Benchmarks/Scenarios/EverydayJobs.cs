using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.EventStream;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Commands;
using Command = Spawn.Commands.Command;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// The everyday jobs of Spawn.Commands next to what users reach for today: a three-stage pipeline
/// against CliWrap's <c>|</c> and <c>sh -c</c>; 100,000 lines streamed against CliWrap's event stream
/// and Process with BeginOutputReadLine; what KillOnParentExit's hand-over to its spawning thread costs;
/// the synchronous verbs (one poll on the calling thread) against the asynchronous ones waited for and Process.
/// </summary>
internal static class EverydayJobs
{
    private const int LineCount = 100_000;
    private const string PipelineText = "head -c 64M /dev/zero | gzip -1 | wc -c";

    public static Section Run(Settings settings)
    {
        var tables = new List<(string, MarkdownTable)>();
        var findings = new List<string>();

        Timing[] pipeline = RoundRobin.Run(PipelineMethods(), settings.PipelineRounds, Math.Min(settings.PipelineRounds, 3));
        tables.Add(($"`{PipelineText}`, {settings.PipelineRounds} rounds:", TimingTable.Create(pipeline, "Spawn Pipeline")));
        double versusShell = pipeline[0].MedianMs / Timing.Find(pipeline, "sh -c").MedianMs;
        double versusCliWrap = pipeline[0].MedianMs / Timing.Find(pipeline, "CliWrap").MedianMs;
        findings.Add($"Pipeline / `sh -c`: {Figures.Ratio(versusShell)} (target at most 1.05x: {Figures.AtMost(versusShell, 1.05)}); "
                     + $"Pipeline / CliWrap `|`: {Figures.Ratio(versusCliWrap)} (target below 1x: {Figures.AtMost(versusCliWrap, 1.0)}).");

        Timing[] lines = RoundRobin.Run(LineMethods(), settings.LineRounds, Math.Min(settings.LineRounds, 3));
        tables.Add(($"`seq 1 {LineCount}` read line by line, {settings.LineRounds} rounds (bytes per line: all threads, divided by {LineCount:#,0}):",
                    LineTable(lines)));
        foreach (Timing other in lines.Skip(1))
        {
            double ratio = lines[0].MedianMs / other.MedianMs;
            findings.Add($"ReadLinesAsync / {other.Name}: {Figures.Ratio(ratio)} ({Figures.AtMost(ratio, 1.0)}), "
                         + $"{PerLine(lines[0])} B per line against {PerLine(other)} ({Figures.AtMost(lines[0].AllBytesPerOp, other.AllBytesPerOp)}).");
        }

        Timing[] handover = RoundRobin.Run(HandoverMethods(), settings.HandoverRounds, Math.Min(settings.HandoverRounds, settings.WarmupRounds));
        tables.Add(($"`exit_now` run to its end, {settings.HandoverRounds} rounds:", TimingTable.Create(handover, "RunAsync")));
        findings.Add($"KillOnParentExit adds {Figures.Ms(handover[1].MedianMs - handover[0].MedianMs)} ms to the median run "
                     + $"({Figures.Ratio(handover[1].MedianMs / handover[0].MedianMs)}).");
        findings.Add($"[KillOnParentExit] adds {Figures.Ms(handover[3].MedianMs - handover[2].MedianMs)} ms to a generated `ExitStatus` spec "
                     + $"({Figures.Ratio(handover[3].MedianMs / handover[2].MedianMs)}).");

        Timing[] run = RoundRobin.Run(RunMethods(), settings.SmallCaptureRounds, Math.Min(settings.SmallCaptureRounds, settings.WarmupRounds));
        tables.Add(($"`exit_now` run to its end, {settings.SmallCaptureRounds} rounds:", TimingTable.Create(run, "Run")));
        Timing[] capture = RoundRobin.Run(CaptureMethods(), settings.LargeCaptureRounds, Math.Min(settings.LargeCaptureRounds, 3));
        tables.Add(($"`head -c 10M /dev/zero` captured, {settings.LargeCaptureRounds} rounds:", TimingTable.Create(capture, "Capture")));
        findings.Add($"Run / RunAsync: {Figures.Ratio(run[0].MedianMs / run[1].MedianMs)}, Run / Process: {Figures.Ratio(run[0].MedianMs / run[2].MedianMs)}; "
                     + $"Capture / CaptureAsync: {Figures.Ratio(capture[0].MedianMs / capture[1].MedianMs)}, "
                     + $"Capture / Process: {Figures.Ratio(capture[0].MedianMs / capture[2].MedianMs)} (the synchronous verbs wait with one poll on the calling thread).");

        return new Section("Everyday jobs: pipelines, line streams, kill on parent exit, synchronous verbs",
                           "Spawn.Commands against CliWrap and Process, side by side in one run; every method finds its programs in PATH.",
                           tables, findings);
    }

    private static Method[] PipelineMethods() =>
    [
        new("Spawn Pipeline CaptureAsync", () => CheckSize(
            (new Command("head", "-c", "64M", "/dev/zero") | new Command("gzip", "-1") | new Command("wc", "-c")).CaptureAsync().GetAwaiter().GetResult().StandardOutput)),
        new("Spawn Command `sh -c` CaptureAsync", () => CheckSize(new Command("sh", "-c", PipelineText).CaptureAsync().GetAwaiter().GetResult().StandardOutput)),
        new("CliWrap `|` ExecuteBufferedAsync", () => CheckSize(
            (Cli.Wrap("head").WithArguments(["-c", "64M", "/dev/zero"]) | Cli.Wrap("gzip").WithArguments(["-1"]) | Cli.Wrap("wc").WithArguments(["-c"]))
                .ExecuteBufferedAsync().GetAwaiter().GetResult().StandardOutput)),
    ];

    private static Method[] LineMethods() =>
    [
        new("Spawn ReadLinesAsync", () => CheckLines(CountWithSpawnAsync().GetAwaiter().GetResult())),
        new("CliWrap ListenAsync", () => CheckLines(CountWithCliWrapAsync().GetAwaiter().GetResult())),
        new("Process.Start, BeginOutputReadLine", () => CheckLines(CountWithProcess())),
    ];

    private static Method[] HandoverMethods()
    {
        string program = Path.Combine(AppContext.BaseDirectory, "exit_now");
        var plain = new Command(program);
        var guarded = plain with { KillOnParentExit = true };
        return
        [
            new("RunAsync", () => plain.RunAsync().GetAwaiter().GetResult()),
            new("RunAsync, KillOnParentExit", () => guarded.RunAsync().GetAwaiter().GetResult()),
            new("[SpawnSpec] ExitStatus", () => GeneratedSpawns.Run(program)),
            new("[SpawnSpec] ExitStatus, [KillOnParentExit]", () => GeneratedSpawns.RunKilledWithParent(program)),
        ];
    }

    private static Method[] RunMethods()
    {
        string program = Path.Combine(AppContext.BaseDirectory, "exit_now");
        var command = new Command(program);
        return
        [
            new("Run", () => command.Run()),
            new("RunAsync, waited for", () => command.RunAsync().GetAwaiter().GetResult()),
            new("Process.Start, WaitForExit", () =>
            {
                using var process = Process.Start(new ProcessStartInfo(program) { UseShellExecute = false })!;
                process.WaitForExit();
            }),
        ];
    }

    private static Method[] CaptureMethods()
    {
        var command = new Command("head", "-c", "10M", "/dev/zero");
        return
        [
            new("Capture", () => CheckLength(command.Capture().StandardOutput)),
            new("CaptureAsync, waited for", () => CheckLength(command.CaptureAsync().GetAwaiter().GetResult().StandardOutput)),
            new("Process.Start, ReadToEnd of both", () =>
            {
                var info = new ProcessStartInfo("head") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add("10M");
                info.ArgumentList.Add("/dev/zero");
                using var process = Process.Start(info)!;
                Task<string> error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                error.GetAwaiter().GetResult();
                process.WaitForExit();
                CheckLength(output);
            }),
        ];
    }

    private static void CheckLength(string output)
    {
        if (output.Length != 10 << 20)
            throw new InvalidOperationException($"captured {output.Length} characters, expected {10 << 20}");
    }

    private static async Task<int> CountWithSpawnAsync()
    {
        int count = 0;
        await foreach (OutputLine line in new Command("seq", "1", "100000").ReadLinesAsync().ConfigureAwait(false))
            count++;
        return count;
    }

    private static async Task<int> CountWithCliWrapAsync()
    {
        int count = 0;
        await foreach (CommandEvent commandEvent in Cli.Wrap("seq").WithArguments(["1", "100000"]).ListenAsync().ConfigureAwait(false))
        {
            if (commandEvent is StandardOutputCommandEvent)
                count++;
        }
        return count;
    }

    private static int CountWithProcess()
    {
        int count = 0;
        var info = new ProcessStartInfo("seq") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("1");
        info.ArgumentList.Add("100000");
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                count++;
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return count;
    }

    private static MarkdownTable LineTable(Timing[] timings)
    {
        var table = new MarkdownTable("method", "median ms", "p99 ms", "B/op (all threads)", "B per line", "vs ReadLinesAsync");
        foreach (Timing timing in timings)
        {
            table.AddRow(timing.Name, Figures.Ms(timing.MedianMs), Figures.Ms(timing.P99Ms), Figures.Bytes(timing.AllBytesPerOp),
                         PerLine(timing), Figures.Ratio(timing.MedianMs / timings[0].MedianMs));
        }
        return table;
    }

    private static string PerLine(Timing timing) => Figures.Bytes(timing.AllBytesPerOp / LineCount);

    private static void CheckSize(string output)
    {
        // 64 MiB of zeros compress to some 290 KB at level 1.
        if (!long.TryParse(output, System.Globalization.CultureInfo.InvariantCulture, out long size) || size is < 100_000 or > 1_000_000)
            throw new InvalidOperationException($"wc -c said {output.Trim()}");
    }

    private static void CheckLines(int count)
    {
        if (count != LineCount)
            throw new InvalidOperationException($"read {count} lines, expected {LineCount}");
    }
}
