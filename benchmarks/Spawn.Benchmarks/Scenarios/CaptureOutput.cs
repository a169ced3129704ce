using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Capturing a command's output (<c>head -c N /dev/zero</c>) with <see cref="OutputCapture"/>, the
/// generated methods, Process (and on .NET 11 its <c>RunAndCaptureText</c>) and CliWrap; then, for
/// 10 MiB, what each idea for making the capture faster is worth (<see cref="CaptureIdeas"/>).
/// </summary>
internal static class CaptureOutput
{
    public static Section Run(Settings settings)
    {
        var tables = new List<(string, MarkdownTable)>();
        var targets = new List<string>();
        var bars = new List<BarGroup>();
        foreach ((int bytes, int rounds, string label) in new[] { (1024, settings.SmallCaptureRounds, "1 KiB"), (10 << 20, settings.LargeCaptureRounds, "10 MiB") })
        {
            string[] arguments = ["-c", bytes.ToString(CultureInfo.InvariantCulture), "/dev/zero"];
            Method[] methods = [.. Methods(arguments, bytes)];
            Timing[] timings = RoundRobin.Run(methods, rounds, Math.Min(rounds, settings.WarmupRounds));
            tables.Add(($"{label} of output, {rounds} rounds (allocations: all threads count):", TimingTable.Create(timings, "OutputCapture.Run")));
            targets.Add(Finding(label, timings));
            bars.AddRange(timings.Select(timing => new BarGroup($"{timing.Name}, {label}", [new Bar(label, timing.MedianMs)])));
        }
        (MarkdownTable ideas, string ideasFinding) = CaptureIdeas.Run(settings);
        tables.Add(($"10 MiB, what each idea is worth ({settings.LargeCaptureRounds} rounds, same process):", ideas));
        targets.Add(ideasFinding);
        var chart = new BarChart("capture.svg", "Capturing output, median (lower is better)", "ms", [.. bars]);
        return new Section("Capturing output",
            "The command is `head -c N /dev/zero`, found in PATH by every method; the output is decoded to a string. "
            + "`OutputCapture.Run` reads both pipes with poll + read on the calling thread; `RunAsync` reads them on the epoll reactor's thread as they turn readable. "
            + "Both offer each read the pipe's whole capacity and widen a pipe that was found full to /proc/sys/fs/pipe-max-size (F_SETPIPE_SZ).",
            tables, targets, chart);
    }

    private static IEnumerable<Method> Methods(string[] arguments, int bytes)
    {
        yield return new("OutputCapture.Run (sync)", () => Check(OutputCapture.Run("head", arguments).StandardOutput, bytes));
        yield return new("OutputCapture.RunAsync", () => Check(OutputCapture.RunAsync("head", arguments).GetAwaiter().GetResult().StandardOutput, bytes));
        yield return new("generated [SpawnSpec] CapturedOutput (sync)", () => Check(CaptureSpecs.Head(bytes).StandardOutput, bytes));
        yield return new("generated [SpawnSpec] ValueTask<CapturedOutput>", () => Check(CaptureSpecs.HeadAsync(bytes, default).AsTask().GetAwaiter().GetResult().StandardOutput, bytes));
#if NET11_0_OR_GREATER
        yield return new("Process.RunAndCaptureText", () => Check(Process.RunAndCaptureText("head", arguments).StandardOutput, bytes));
        yield return new("Process.RunAndCaptureTextAsync", () => Check(Process.RunAndCaptureTextAsync("head", arguments).GetAwaiter().GetResult().StandardOutput, bytes));
        yield return new("Process.ReadAllLinesAsync (line lengths summed)", () => CheckLength(ReadLinesWithProcessAsync(arguments).GetAwaiter().GetResult(), bytes));
#endif
        yield return new("Process.Start, RedirectStandardOutput + ReadToEnd", () =>
        {
            using Process process = Process.Start(Redirected(arguments))!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Check(output, bytes);
        });
        yield return new("Process.Start, RedirectStandardOutput + ReadToEndAsync", () => Check(ReadWithProcessAsync(arguments).GetAwaiter().GetResult(), bytes));
        yield return new("CliWrap ExecuteBufferedAsync", () => Check(Cli.Wrap("head").WithArguments(arguments).ExecuteBufferedAsync().GetAwaiter().GetResult().StandardOutput, bytes));
    }

    private static string Finding(string label, Timing[] timings)
    {
        Timing sync = Timing.Find(timings, "OutputCapture.Run ("), async = Timing.Find(timings, "OutputCapture.RunAsync");
#if NET11_0_OR_GREATER
        Timing process = Timing.Find(timings, "RunAndCaptureText"), processAsync = Timing.Find(timings, "RunAndCaptureTextAsync");
        string line = $"{label} on {RuntimeNames.Long}: OutputCapture.Run {Figures.Ms(sync.MedianMs)} ms, {Figures.Bytes(sync.AllBytesPerOp)} B; RunAndCaptureText {Figures.Ms(process.MedianMs)} ms, {Figures.Bytes(process.AllBytesPerOp)} B "
            + $"(sync {Figures.Ratio(process.MedianMs / sync.MedianMs)} faster); RunAsync {Figures.Ms(async.MedianMs)} ms, {Figures.Bytes(async.AllBytesPerOp)} B against RunAndCaptureTextAsync {Figures.Ms(processAsync.MedianMs)} ms, {Figures.Bytes(processAsync.AllBytesPerOp)} B "
            + $"(async {Figures.Ratio(processAsync.MedianMs / async.MedianMs)} faster)";
        if (label == "10 MiB")
            return line + $": sync at least 1.3x {Figures.AtLeast(process.MedianMs / sync.MedianMs, 1.3)}, async at least 1.3x {Figures.AtLeast(processAsync.MedianMs / async.MedianMs, 1.3)}.";
        double byteRatio = Math.Max((double)sync.AllBytesPerOp / process.AllBytesPerOp, (double)async.AllBytesPerOp / processAsync.AllBytesPerOp);
        return line + $": no slower {Figures.AtMost(Math.Max(sync.MedianMs / process.MedianMs, async.MedianMs / processAsync.MedianMs), 1.0)}, "
            + $"at most 0.4x the bytes ({Figures.Ratio(byteRatio)}) {Figures.AtMost(byteRatio, 0.4)}.";
#else
        Timing process = Timing.Find(timings, "ReadToEnd");
        return $"{label} on {RuntimeNames.Long}: OutputCapture.Run {Figures.Ms(sync.MedianMs)} ms, {Figures.Bytes(sync.AllBytesPerOp)} B; RunAsync {Figures.Ms(async.MedianMs)} ms, {Figures.Bytes(async.AllBytesPerOp)} B; "
            + $"Process with ReadToEnd {Figures.Ms(process.MedianMs)} ms ({Figures.Ratio(process.MedianMs / sync.MedianMs)} of the sync capture), {Figures.Bytes(process.AllBytesPerOp)} B.";
#endif
    }

    internal static ProcessStartInfo Redirected(string[] arguments)
    {
        var info = new ProcessStartInfo("head") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    internal static async Task<string> ReadWithProcessAsync(string[] arguments)
    {
        using Process process = Process.Start(Redirected(arguments))!;
        string output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return output;
    }

#if NET11_0_OR_GREATER
    private static async Task<long> ReadLinesWithProcessAsync(string[] arguments)
    {
        ProcessStartInfo info = Redirected(arguments);
        info.RedirectStandardError = true;
        using Process process = Process.Start(info)!;
        long length = 0;
        await foreach (ProcessOutputLine line in process.ReadAllLinesAsync().ConfigureAwait(false))
            length += line.Content.Length;
        await process.WaitForExitAsync().ConfigureAwait(false);
        return length;
    }
#endif

    private static void Check(string output, int bytes) => CheckLength(output.Length, bytes);

    private static void CheckLength(long length, int bytes)
    {
        if (length != bytes)
            throw new InvalidOperationException($"captured {length} characters, expected {bytes}");
    }
}
