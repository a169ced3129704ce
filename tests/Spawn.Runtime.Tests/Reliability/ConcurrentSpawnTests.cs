using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Sixteen threads spawn at once while two more open and close inheritable descriptors (no
/// O_CLOEXEC) as fast as they can. Every spawn closes from 3 up and then opens a file of its own
/// thread at a descriptor of its own thread: each child must hold exactly 0, 1, 2 and that one,
/// pointing at its own file, never a churned descriptor nor another spawn's file.
/// </summary>
public sealed class ConcurrentSpawnTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const int SpawningThreads = 16;
    private const int SpawnsPerThread = 20;
    private const int ChurningThreads = 2;
    private const int FirstOwnFd = 10;

    [Fact]
    public void No_child_sees_a_descriptor_it_was_not_given_nor_another_spawns_file()
    {
        using var directory = new TestDirectory();
        string[] files = [.. Enumerable.Range(0, SpawningThreads).Select(t => directory.CreateFile($"thread-{t.Text()}", t.Text()))];
        using var stop = new CancellationTokenSource();
        long churned = 0;
        Thread[] churners = [.. Enumerable.Range(0, ChurningThreads).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                int fd = LibC.Check(LibC.Open("/dev/null", OpenFlags.O_RDONLY, 0), "open /dev/null");
                LibC.Close(fd);
                Interlocked.Increment(ref churned);
            }
        }))];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(SpawningThreads);
        Thread[] spawners = [.. Enumerable.Range(0, SpawningThreads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < SpawnsPerThread; i++)
            {
                string? failure;
                try
                {
                    failure = CheckOneSpawn(FirstOwnFd + t, files[t]);
                }
                catch (Exception exception)
                {
                    // An exception left on this thread would end the test host; the test reports it.
                    failure = exception.ToString();
                }

                if (failure is not null)
                    failures.Enqueue($"thread {t}, spawn {i}: {failure}");
            }
        }))];

        foreach (Thread thread in churners.Concat(spawners))
            thread.Start();
        foreach (Thread thread in spawners)
            thread.Join();
        stop.Cancel();
        foreach (Thread thread in churners)
            thread.Join();

        output.WriteLine($"{SpawningThreads * SpawnsPerThread} spawns on {SpawningThreads} threads while {ChurningThreads} threads opened and closed {churned} inheritable descriptors; {failures.Count} children saw something wrong");
        Assert.True(churned > 0, "the churning threads never ran");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
    }

    /// <summary>Null when the child held exactly 0, 1 (its output), 2 and <paramref name="ownFd"/> on <paramref name="ownFile"/>; else what was wrong.</summary>
    private static string? CheckOneSpawn(int ownFd, string ownFile)
    {
        var actions = new SpawnFileActions().AddCloseFrom(3).AddOpen(ownFd, ownFile, OpenFlags.O_RDONLY, 0);
        ProbeReport report = ProbeChild.RunToSuccess(actions, null, "fds");
        IReadOnlyDictionary<int, ProbeDescriptor> held = report.Descriptors();
        int[] expected = [0, 1, 2, ownFd];
        if (!held.Keys.Order().SequenceEqual(expected))
            return $"held {string.Join(", ", held.Values.Select(d => $"{d.Fd} -> {d.Target}"))}";
        return held[ownFd].Target == ownFile ? null : $"descriptor {ownFd} -> {held[ownFd].Target}, not {ownFile}";
    }
}
