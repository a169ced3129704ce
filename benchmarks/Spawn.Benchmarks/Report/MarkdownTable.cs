using System.Text;

namespace Spawn.Benchmarks.Report;

/// <summary>A Markdown table: the first column left-aligned (names), the others right-aligned (figures).</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"{cells.Length} cells for {headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers.Select(Escape)).AppendLine(" |");
        text.Append("|---").Append(string.Concat(Enumerable.Repeat("|---:", headers.Length - 1))).AppendLine("|");
        foreach (string[] row in _rows)
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
