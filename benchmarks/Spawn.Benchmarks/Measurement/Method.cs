namespace Spawn.Benchmarks.Measurement;

/// <summary>One way of doing the operation a scenario measures, by the name its table shows.</summary>
/// <param name="Name">The row's name.</param>
/// <param name="Call">One operation, run to completion.</param>
internal sealed record Method(string Name, Action Call);
