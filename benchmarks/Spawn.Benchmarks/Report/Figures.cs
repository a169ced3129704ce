using System.Globalization;

namespace Spawn.Benchmarks.Report;

/// <summary>How figures are written in the tables: invariant culture, fixed decimals.</summary>
internal static class Figures
{
    public static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Bytes(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"met" or "missed by N%" for a ratio that must stay at or below a limit.</summary>
    public static string AtMost(double ratio, double limit) =>
        ratio <= limit ? "**met**" : string.Create(CultureInfo.InvariantCulture, $"**missed** by {((ratio / limit) - 1) * 100:0.#}%");

    /// <summary>"met" or "missed by N%" for a ratio that must reach a minimum.</summary>
    public static string AtLeast(double ratio, double minimum) =>
        ratio >= minimum ? "**met**" : string.Create(CultureInfo.InvariantCulture, $"**missed** by {(1 - (ratio / minimum)) * 100:0.#}%");
}
