using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Signals arriving at the parent while it spawns (SIGCHLD, which the .NET runtime handles, and
/// SIGURG and SIGWINCH) disturb no spawn: the C core blocks every signal around the clone and the
/// child sets its dispositions and mask up before exec, so each child starts catching nothing,
/// ignoring what the parent ignores and with its spawning thread's mask, and every spawn succeeds.
/// Whether a handler ran in the child between clone and exec cannot be seen after exec (which
/// resets caught signals anyway), so this checks what the child is left with.
/// </summary>
public sealed class SignalsDuringSpawnTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const int SpawningThreads = 4;
    private const int SpawnsPerThread = 50;
    private static readonly int[] s_signals = [Signals.SIGCHLD, Signals.SIGURG, Signals.SIGWINCH];

    [Fact]
    public void Children_spawned_under_a_stream_of_signals_start_clean()
    {
        using var stop = new CancellationTokenSource();
        long sent = 0;
        var sender = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                LibC.Check(LibC.Kill(Environment.ProcessId, s_signals[sent % s_signals.Length]), "kill");
                sent++;
            }
        });
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Thread[] spawners = [.. Enumerable.Range(0, SpawningThreads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < SpawnsPerThread; i++)
            {
                try
                {
                    string? failure = CheckOneSpawn();
                    if (failure is not null)
                        failures.Enqueue($"thread {t}, spawn {i}: {failure}");
                }
                catch (Exception exception)
                {
                    // An exception left on this thread would end the test host; the test reports it.
                    failures.Enqueue($"thread {t}, spawn {i}: {exception}");
                }
            }
        }))];

        sender.Start();
        foreach (Thread thread in spawners)
            thread.Start();
        foreach (Thread thread in spawners)
            thread.Join();
        stop.Cancel();
        sender.Join();

        output.WriteLine($"{SpawningThreads * SpawnsPerThread} spawns while {sent} signals were sent to this process; {failures.Count} children started wrong");
        Assert.True(sent > 0, "no signal was sent");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
    }

    /// <summary>Null when the child caught nothing, ignored what this thread ignores and had this thread's mask.</summary>
    private static string? CheckOneSpawn()
    {
        string[] own = File.ReadAllLines("/proc/thread-self/status");
        ulong blocked = Mask(own, "SigBlk:");
        ulong ignored = Mask(own, "SigIgn:");
        ProbeReport child = ProbeChild.RunToSuccess(null, null, "signals");
        return (child.Mask("sigcgt"), child.Mask("sigign"), child.Mask("sigblk")) == (0UL, ignored, blocked)
            ? null
            : $"caught {child.Mask("sigcgt"):x}, ignored {child.Mask("sigign"):x} (parent {ignored:x}), blocked {child.Mask("sigblk"):x} (parent {blocked:x})";
    }

    private static ulong Mask(string[] status, string field) =>
        ulong.Parse(status.Single(line => line.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim(),
            System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
