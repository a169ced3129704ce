using System.Diagnostics;
using System.Globalization;
using Spawn;

// Spawn-and-await throughput with 1, 100 and 10,000 children in flight: each round spawns that many
// /bin/true children with Spawner.PidFdSpawn, then awaits them all with PidFd.WaitForExitAsync (one
// epoll reactor thread for all of them). Usage: Spawn.Benchmarks.Lifecycle [concurrency...]
int[] concurrencies = args.Length > 0 ? args.Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray() : [1, 100, 10_000];
const string Program = "/bin/true";
string[] argv = [Program];
string[] environment = [];

Console.WriteLine($"{Environment.ProcessorCount} cores, Linux {Environment.OSVersion.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("in flight | children | wall (s) | children/s | spawn (ms/child) | bytes/child waiting | peak threads");

foreach (int concurrency in concurrencies)
{
    // Enough children for a stable figure, in rounds of `concurrency`; one warm-up round first.
    int rounds = Math.Max(1, 2_000 / concurrency);
    await RunRounds(concurrency, 1);
    var result = await RunRounds(concurrency, rounds);
    int children = concurrency * rounds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{concurrency,9} | {children,8} | {result.Wall.TotalSeconds,8:F2} | {children / result.Wall.TotalSeconds,10:F0} | {result.Spawning.TotalMilliseconds / children,16:F3} | {(double)result.WaitBytes / children,19:F1} | {result.PeakThreads,12}"));
}

async Task<(TimeSpan Wall, TimeSpan Spawning, long WaitBytes, int PeakThreads)> RunRounds(int concurrency, int rounds)
{
    var children = new PidFd[concurrency];
    var waits = new ValueTask<ExitStatus>[concurrency];
    var spawning = TimeSpan.Zero;
    long waitBytes = 0;
    int peakThreads = 0;
    var wall = Stopwatch.StartNew();
    for (int round = 0; round < rounds; round++)
    {
        long spawnStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < concurrency; i++)
            children[i] = Spawner.PidFdSpawn(Program, null, null, argv, environment);
        spawning += Stopwatch.GetElapsedTime(spawnStart);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < concurrency; i++)
            waits[i] = children[i].WaitForExitAsync();
        // Counting threads allocates; that is not the waits' doing.
        long sampling = GC.GetTotalAllocatedBytes(precise: true);
        peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
        before += GC.GetTotalAllocatedBytes(precise: true) - sampling;
        for (int i = 0; i < concurrency; i++)
        {
            ExitStatus status = await waits[i].ConfigureAwait(false);
            if (status.ExitCode != 0)
                throw new InvalidOperationException($"{Program} {status}");
        }
        waitBytes += GC.GetTotalAllocatedBytes(precise: true) - before;
        foreach (var child in children)
            child.Dispose();
    }
    return (wall.Elapsed, spawning, waitBytes, peakThreads);
}
