namespace Spawn.Benchmarks.Report;

/// <summary>One scenario's part of the page: what was run, its tables, the targets it checks, a chart.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Text">What was measured and how, in a sentence or two.</param>
/// <param name="Tables">Each table with the line above it.</param>
/// <param name="Targets">One line per target of the issue this scenario checks.</param>
/// <param name="Chart">The chart the page embeds, if any.</param>
internal sealed record Section(string Title, string Text, IReadOnlyList<(string Caption, MarkdownTable Table)> Tables,
                               IReadOnlyList<string> Targets, BarChart? Chart = null);
