using Spawn.Benchmarks.Measurement;

namespace Spawn.Benchmarks.Report;

/// <summary>The table of a round-robin run: times, allocations, and ratios to the first row and to Process.Start.</summary>
internal static class TimingTable
{
    /// <param name="timings">The first row is the reference the "vs" column divides by.</param>
    /// <param name="reference">How the header names that first row.</param>
    public static MarkdownTable Create(Timing[] timings, string reference)
    {
        double first = timings[0].MedianMs;
        double processStart = timings.FirstOrDefault(t => t.Name.StartsWith("Process.Start", StringComparison.Ordinal))?.MedianMs ?? double.NaN;
        var table = new MarkdownTable("method", "median ms", "p99 ms", "B/op (this thread)", "B/op (all threads)", $"vs {reference}", "Process.Start / this");
        foreach (Timing timing in timings)
        {
            table.AddRow(timing.Name, Figures.Ms(timing.MedianMs), Figures.Ms(timing.P99Ms), Figures.Bytes(timing.ThreadBytesPerOp),
                         Figures.Bytes(timing.AllBytesPerOp), Figures.Ratio(timing.MedianMs / first),
                         double.IsNaN(processStart) ? "-" : Figures.Ratio(processStart / timing.MedianMs));
        }
        return table;
    }
}
