using System.Runtime.InteropServices;

namespace Spawn.Benchmarks.Report;

/// <summary>The machine a run was made on, as the page states it.</summary>
internal static class MachineFacts
{
    public static string Describe()
    {
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        long memoryKiB = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return $"Linux {kernel}, {Environment.ProcessorCount} CPUs ({cpu}), {memoryKiB / (1024 * 1024)} GiB RAM, "
            + $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}, "
            + $"glibc {Marshal.PtrToStringUTF8(GnuLibcVersion())}";
    }

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg): how busy the shared machine was.</summary>
    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuLibcVersion();
}
