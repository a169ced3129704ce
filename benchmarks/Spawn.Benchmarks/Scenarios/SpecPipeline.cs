using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Commands;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// A generated <c>[Pipe]</c> pipeline (<c>head -c 64M /dev/zero | gzip -1 | wc -c</c>, its count
/// discarded) next to the same line as a generated <c>sh -c</c> spec and as a Spawn.Commands
/// <c>Pipeline</c>: what the shell costs, and what the runtime's job layer costs, against code the
/// generator wrote.
/// </summary>
internal static class SpecPipeline
{
    public static Section Run(Settings settings)
    {
        Timing[] timings = RoundRobin.Run(Methods(), settings.PipelineRounds, Math.Min(settings.PipelineRounds, 3));
        double versusShell = timings[0].MedianMs / Timing.Find(timings, "sh -c").MedianMs;
        double versusPipeline = timings[0].MedianMs / Timing.Find(timings, "Pipeline").MedianMs;
        return new Section(
            "A [Pipe] pipeline spec",
            "Three stages, output discarded, side by side in one run.",
            [($"`head -c 64M /dev/zero | gzip -1 | wc -c`, {settings.PipelineRounds} rounds:", TimingTable.Create(timings, "[Pipe] spec"))],
            [
                $"[Pipe] spec / `sh -c` spec: {Figures.Ratio(versusShell)} (target at most 1.05x: {Figures.AtMost(versusShell, 1.05)}); "
                + $"[Pipe] spec / Pipeline RunAsync: {Figures.Ratio(versusPipeline)}; the spec allocates {timings[0].ThreadBytesPerOp} B per run on its thread.",
            ]);
    }

    private static Method[] Methods()
    {
        Pipeline pipeline = (new Command("head", "-c", "64M", "/dev/zero") | new Command("gzip", "-1") | new Command("wc", "-c"))
            with { Output = OutputRedirection.Discard };
        return
        [
            new("[Pipe] spec, ExitStatus", () => Check(GeneratedPipelines.CompressedSize())),
            new("`sh -c` spec, ExitStatus", () => Check(GeneratedPipelines.CompressedSizeInShell())),
            new("Spawn Pipeline RunAsync", () => Check(pipeline.RunAsync().GetAwaiter().GetResult().Status)),
        ];
    }

    private static void Check(ExitStatus status)
    {
        if (!status.Exited || status.ExitCode != 0)
            throw new InvalidOperationException($"the pipeline {status}");
    }
}
