using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>What a long run could leak, measured at one moment: descriptors, children, threads, the managed heap after a full collection, and RSS.</summary>
internal sealed record ResourceSnapshot(int Descriptors, int Children, int Threads, long ManagedHeap, long ResidentBytes)
{
    public static ResourceSnapshot Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ProcessResources resources = ProcessResources.Capture();
        return new ResourceSnapshot(resources.Descriptors.Count, resources.Children.Count, StatusField("Threads:"),
            GC.GetTotalMemory(forceFullCollection: true), StatusField("VmRSS:") * 1024L);
    }

    public override string ToString() =>
        $"{Descriptors} descriptors, {Children} children, {Threads} threads, managed heap {ManagedHeap / 1024} KiB, RSS {ResidentBytes / 1024} KiB";

    // "VmRSS:     12345 kB" / "Threads:   17"
    private static int StatusField(string name) =>
        int.Parse(File.ReadLines("/proc/self/status").Single(line => line.StartsWith(name, StringComparison.Ordinal))
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
