namespace Spawn.Benchmarks.Measurement;

/// <summary>What <see cref="RoundRobin"/> measured for one method.</summary>
/// <param name="Name">The method's name.</param>
/// <param name="MedianMs">The median time of one operation.</param>
/// <param name="P99Ms">The 99th percentile.</param>
/// <param name="ThreadBytesPerOp">Bytes allocated per operation by the calling thread
/// (<c>GC.GetAllocatedBytesForCurrentThread</c>).</param>
/// <param name="AllBytesPerOp">Bytes allocated per operation by every thread of the process
/// (<c>GC.GetTotalAllocatedBytes(precise: true)</c>): what a library allocates on its helper threads
/// (Process's SIGCHLD thread, async continuations) counts too.</param>
internal sealed record Timing(string Name, double MedianMs, double P99Ms, long ThreadBytesPerOp, long AllBytesPerOp)
{
    /// <summary>The timing of the method whose name contains <paramref name="namePart"/>.</summary>
    public static Timing Find(IEnumerable<Timing> timings, string namePart) =>
        timings.First(timing => timing.Name.Contains(namePart, StringComparison.Ordinal));
}
