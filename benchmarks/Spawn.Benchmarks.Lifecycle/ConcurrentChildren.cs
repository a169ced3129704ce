using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Spawn.Streams;

namespace Spawn.Benchmarks.Lifecycle;

/// <summary>
/// Many children alive and awaited at once: each round spawns N children that block reading one
/// shared pipe, starts <see cref="PidFd.WaitForExitAsync"/> on each as soon as it is spawned (so a
/// child is reaped the moment it exits, never left a zombie), then closes the pipe's write end:
/// all N exit together and the one epoll reactor thread delivers N exits. Shared by
/// Spawn.Benchmarks (the page) and Spawn.Benchmarks.Lifecycle (alone).
/// </summary>
internal static partial class ConcurrentChildren
{
    /// <summary>One concurrency level's figures.</summary>
    /// <param name="InFlight">Children alive and awaited at once.</param>
    /// <param name="Children">Children spawned in all its rounds.</param>
    /// <param name="ChildrenPerSecond">Spawned, released and reaped, per second of wall time.</param>
    /// <param name="SpawnMsPerChild">The spawn, per child.</param>
    /// <param name="AwaitStartMsPerChild">The call that starts the await (registration with the reactor), per child.</param>
    /// <param name="ReleaseToReapedMs">From closing the pipe to the last await done, per round (median).</param>
    /// <param name="BytesPerChild">Bytes allocated per child by the whole cycle (spawn, await, dispose), all threads.</param>
    /// <param name="PeakThreads">Threads of the process while all children were awaited.</param>
    /// <param name="ChildrenLeft">Children of this process still in /proc (zombies included) after the rounds.</param>
    public sealed record Level(int InFlight, int Children, double ChildrenPerSecond, double SpawnMsPerChild,
                               double AwaitStartMsPerChild, double ReleaseToReapedMs, double BytesPerChild, int PeakThreads, int ChildrenLeft);

    /// <summary>Runs each level in rounds of that many children, about <paramref name="childrenPerLevel"/> children per level.</summary>
    /// <param name="program">A program that exits when its stdin reaches end of file.</param>
    public static async Task<Level[]> RunAsync(string program, IReadOnlyList<int> concurrencies, int childrenPerLevel)
    {
        RaiseDescriptorLimit(concurrencies.Max() + 1024);
        var levels = new Level[concurrencies.Count];
        for (int i = 0; i < concurrencies.Count; i++)
        {
            int inFlight = concurrencies[i];
            await RoundAsync(program, Math.Min(inFlight, 100)).ConfigureAwait(false);
            int rounds = Math.Max(1, childrenPerLevel / inFlight);
            var releases = new double[rounds];
            double spawnMs = 0, awaitStartMs = 0;
            long bytes = 0;
            int peakThreads = 0;
            var wall = Stopwatch.StartNew();
            for (int round = 0; round < rounds; round++)
            {
                var result = await RoundAsync(program, inFlight).ConfigureAwait(false);
                spawnMs += result.SpawnMs;
                awaitStartMs += result.AwaitStartMs;
                releases[round] = result.ReleaseMs;
                bytes += result.Bytes;
                peakThreads = Math.Max(peakThreads, result.Threads);
            }
            double seconds = wall.Elapsed.TotalSeconds;
            Array.Sort(releases);
            int children = rounds * inFlight;
            levels[i] = new Level(inFlight, children, children / seconds, spawnMs / children, awaitStartMs / children, releases[rounds / 2],
                                  (double)bytes / children, peakThreads, CountChildren());
        }
        return levels;
    }

    private static async Task<(double SpawnMs, double AwaitStartMs, double ReleaseMs, long Bytes, int Threads)> RoundAsync(string program, int inFlight)
    {
        string[] argv = [program];
        string[] environment = [];
        var children = new PidFd[inFlight];
        var waits = new ValueTask<ExitStatus>[inFlight];
        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        long spawnTicks = 0, awaitStartTicks = 0;
        using (var pipes = StandardPipes.Create(StandardStreams.Input))
        {
            SpawnFileActions actions = pipes.AddTo(null);
            for (int i = 0; i < inFlight; i++)
            {
                long start = Stopwatch.GetTimestamp();
                children[i] = Spawner.PidFdSpawn(program, actions, null, argv, environment);
                long spawned = Stopwatch.GetTimestamp();
                waits[i] = children[i].WaitForExitAsync();
                spawnTicks += spawned - start;
                awaitStartTicks += Stopwatch.GetTimestamp() - spawned;
            }
            pipes.CloseChildEnds();
        }

        // Reading the thread count allocates; that is not the children's doing.
        long sampling = GC.GetTotalAllocatedBytes(precise: true);
        int threads = ThreadCount();
        bytesBefore += GC.GetTotalAllocatedBytes(precise: true) - sampling;

        // Disposing the pipes closed the write end: every child reads end of file and exits.
        long released = Stopwatch.GetTimestamp();
        for (int i = 0; i < inFlight; i++)
        {
            ExitStatus status = await waits[i].ConfigureAwait(false);
            if (!status.Exited || status.ExitCode != 0)
                throw new InvalidOperationException($"{program} {status}");
        }
        double releaseMs = Stopwatch.GetElapsedTime(released).TotalMilliseconds;
        foreach (PidFd child in children)
            child.Dispose();
        return (spawnTicks * 1000.0 / Stopwatch.Frequency, awaitStartTicks * 1000.0 / Stopwatch.Frequency, releaseMs,
                GC.GetTotalAllocatedBytes(precise: true) - bytesBefore, threads);
    }

    private static int ThreadCount()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return int.Parse(line.AsSpan("Threads:".Length).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>This process's children still in /proc, zombies included: the fourth field of /proc/PID/stat is the parent.</summary>
    public static int CountChildren()
    {
        int self = Environment.ProcessId, count = 0;
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == self)
                count++;
        }
        return count;
    }

    /// <summary>One pidfd per child in flight: raise the soft RLIMIT_NOFILE toward the hard one if it is too low.</summary>
    private static void RaiseDescriptorLimit(int needed)
    {
        const int RlimitNofile = 7;
        if (GetRlimit(RlimitNofile, out RLimit limit) != 0 || limit.Current >= (ulong)needed)
            return;
        limit.Current = Math.Min((ulong)needed, limit.Maximum);
        if (SetRlimit(RlimitNofile, in limit) != 0)
            throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {needed}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, in RLimit limit);
}
