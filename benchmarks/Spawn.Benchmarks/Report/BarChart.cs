namespace Spawn.Benchmarks.Report;

/// <summary>A grouped horizontal bar chart: one group per row label, one bar per series.</summary>
/// <param name="FileName">The SVG file's name under docs/benchmarks/.</param>
/// <param name="Title">The title drawn above the bars.</param>
/// <param name="Unit">The unit of the values, shown after each value.</param>
/// <param name="Groups">The groups, top to bottom.</param>
internal sealed record BarChart(string FileName, string Title, string Unit, IReadOnlyList<BarGroup> Groups);

/// <summary>One group of bars.</summary>
internal sealed record BarGroup(string Label, IReadOnlyList<Bar> Bars);

/// <summary>One bar: the series it belongs to (the legend) and its value.</summary>
internal sealed record Bar(string Series, double Value);
