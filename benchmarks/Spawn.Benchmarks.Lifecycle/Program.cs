using System.Globalization;
using Spawn.Benchmarks.Lifecycle;

// Children alive and awaited at once (1, 100, 10,000 by default), alone; Spawn.Benchmarks runs the
// same scenario for the page. Usage: Spawn.Benchmarks.Lifecycle [concurrency...]
// The children are /bin/cat reading a pipe until it closes.
int[] concurrencies = args.Length > 0 ? [.. args.Select(arg => int.Parse(arg, CultureInfo.InvariantCulture))] : [1, 100, 10_000];
Console.WriteLine($"{Environment.ProcessorCount} cores, Linux {Environment.OSVersion.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("in flight | children | children/s | spawn ms/child | start await ms/child | release to reaped ms | bytes/child | peak threads | children left");
foreach (var level in await ConcurrentChildren.RunAsync("/bin/cat", concurrencies, 2_000))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{level.InFlight,9} | {level.Children,8} | {level.ChildrenPerSecond,10:F0} | {level.SpawnMsPerChild,14:F3} | {level.AwaitStartMsPerChild,20:F3} | {level.ReleaseToReapedMs,20:F1} | {level.BytesPerChild,11:F1} | {level.PeakThreads,12} | {level.ChildrenLeft,13}"));
}
