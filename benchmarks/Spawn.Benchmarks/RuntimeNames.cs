using System.Runtime.InteropServices;

namespace Spawn.Benchmarks;

/// <summary>The runtime this run is on, as the page and the chart files name it.</summary>
internal static class RuntimeNames
{
    /// <summary>"net10" or "net11": the suffix of this run's chart files.</summary>
    public static string Short { get; } = $"net{Environment.Version.Major}";

    /// <summary>".NET 10.0.12", for instance.</summary>
    public static string Long { get; } = RuntimeInformation.FrameworkDescription;
}
