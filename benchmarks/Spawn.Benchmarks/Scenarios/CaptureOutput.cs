using System.Diagnostics;
using System.Globalization;
using CliWrap.Buffered;
using CliWrap;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>Capturing a command's output (<c>head -c N /dev/zero</c>) with <see cref="OutputCapture"/>, Process and CliWrap.</summary>
internal static class CaptureOutput
{
    public static Section Run(Settings settings)
    {
        var tables = new List<(string, MarkdownTable)>();
        var findings = new List<string>();
        foreach ((int bytes, int rounds, string label) in new[] { (1024, settings.SmallCaptureRounds, "1 KiB"), (10 << 20, settings.LargeCaptureRounds, "10 MiB") })
        {
            string count = bytes.ToString(CultureInfo.InvariantCulture);
            string[] arguments = ["-c", count, "/dev/zero"];
            Method[] methods =
            [
                new("OutputCapture.RunAsync", () => Check(OutputCapture.RunAsync("head", arguments).GetAwaiter().GetResult().StandardOutput, bytes)),
                new("Process.Start, RedirectStandardOutput + ReadToEnd", () =>
                {
                    using Process process = Process.Start(Redirected(arguments))!;
                    string output = process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                    Check(output, bytes);
                }),
                new("Process.Start, RedirectStandardOutput + ReadToEndAsync", () => Check(ReadWithProcessAsync(arguments).GetAwaiter().GetResult(), bytes)),
                new("CliWrap ExecuteBufferedAsync", () => Check(Cli.Wrap("head").WithArguments(arguments).ExecuteBufferedAsync().GetAwaiter().GetResult().StandardOutput, bytes)),
            ];
            Timing[] timings = RoundRobin.Run(methods, rounds, Math.Min(rounds, settings.WarmupRounds));
            tables.Add(($"{label} of output, {rounds} rounds (allocations: all threads count, the reads run on the thread pool):", TimingTable.Create(timings, "OutputCapture")));
            Timing sync = timings[1];
            findings.Add($"{label}: OutputCapture takes {Figures.Ms(timings[0].MedianMs)} ms and allocates {Figures.Bytes(timings[0].AllBytesPerOp)} B; "
                + $"Process with ReadToEnd {Figures.Ms(sync.MedianMs)} ms ({Figures.Ratio(sync.MedianMs / timings[0].MedianMs)}) and {Figures.Bytes(sync.AllBytesPerOp)} B.");
        }
        return new Section("Capturing output", "The command is `head -c N /dev/zero`, found in PATH by every method; the output is decoded to a string.", tables, findings);
    }

    private static ProcessStartInfo Redirected(string[] arguments)
    {
        var info = new ProcessStartInfo("head") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    private static async Task<string> ReadWithProcessAsync(string[] arguments)
    {
        using Process process = Process.Start(Redirected(arguments))!;
        string output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return output;
    }

    private static void Check(string output, int bytes)
    {
        if (output.Length != bytes)
            throw new InvalidOperationException($"captured {output.Length} characters, expected {bytes}");
    }
}
