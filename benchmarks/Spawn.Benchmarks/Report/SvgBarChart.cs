using System.Globalization;
using System.Security;
using System.Text;

namespace Spawn.Benchmarks.Report;

/// <summary>Draws a <see cref="BarChart"/> as a self-contained SVG: labels left, bars right, a legend on top.</summary>
internal static class SvgBarChart
{
    private const int Width = 900, LabelWidth = 330, ValueWidth = 90, BarHeight = 16, GroupGap = 10, Top = 56;
    private static readonly string[] s_colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"];

    public static string Render(BarChart chart)
    {
        string[] series = [.. chart.Groups.SelectMany(group => group.Bars).Select(bar => bar.Series).Distinct()];
        double max = chart.Groups.SelectMany(group => group.Bars).Max(bar => bar.Value);
        double scale = (Width - LabelWidth - ValueWidth) / (max > 0 ? max : 1);
        int height = Top + chart.Groups.Sum(group => group.Bars.Count * BarHeight + GroupGap) + 10;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">{Escape(chart.Title)}</text>\n");
        for (int s = 0, x = 10; s < series.Length; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"32\" width=\"12\" height=\"12\" fill=\"{Color(s)}\"/><text x=\"{x + 16}\" y=\"42\">{Escape(series[s])}</text>\n");
            x += 40 + series[s].Length * 7;
        }

        int y = Top;
        foreach (BarGroup group in chart.Groups)
        {
            int groupHeight = group.Bars.Count * BarHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + groupHeight / 2 + 4}\" text-anchor=\"end\">{Escape(group.Label)}</text>\n");
            foreach (Bar bar in group.Bars)
            {
                double length = Math.Max(1, bar.Value * scale);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 1}\" width=\"{length:0.#}\" height=\"{BarHeight - 2}\" fill=\"{Color(Array.IndexOf(series, bar.Series))}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 4:0.#}\" y=\"{y + BarHeight - 4}\" font-size=\"11\">{bar.Value:0.###} {Escape(chart.Unit)}</text>\n");
                y += BarHeight;
            }
            y += GroupGap;
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Color(int series) => s_colors[series % s_colors.Length];

    private static string Escape(string text) => SecurityElement.Escape(text);
}
