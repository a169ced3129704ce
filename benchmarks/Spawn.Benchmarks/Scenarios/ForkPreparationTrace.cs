using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Spawn.Forking;
using Spawn.Interop;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Where the first <c>Fork.Run</c> of a process spends its time under garbage collection pressure
/// (one thread calling <c>GC.Collect()</c> in a loop, one allocating): each step of the one-time
/// preparation, run alone, with the wall time and the collections it waited through, then the first
/// forks. Run it a few times: the waits are heavy-tailed, so one run shows where they can fall, not
/// what they cost on average (<c>Spawn.Benchmarks fork-prep-trace</c>; fork-gc gives the figures).
/// </summary>
internal static class ForkPreparationTrace
{
    /// <summary>The argument that runs this trace.</summary>
    public const string Mode = "fork-prep-trace";

    // The child returns at once: the risk SPAWN0109 names is understood.
#pragma warning disable SPAWN0109
    public static int Run()
    {
        using var stop = new CancellationTokenSource();
        ForkUnderGcPressure.StartPressure(stop.Token);
        Step("bind the child toolkit (one native call)", BindToolkit);
        MethodInfo[] methods = [];
        Step("list the toolkit's methods (reflection)", () => methods = typeof(ForkChild).GetMethods(
            BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        Step($"compile the toolkit ({methods.Length} methods)", () =>
        {
            foreach (MethodInfo method in methods)
                ForkPreparation.Prepare(method);
        });
        Step("the rest of Fork.Prepare()", Fork.Prepare);
        Step("the child method and Run<int> (Fork.Prepare(child))", () => Fork.Prepare<int>(ExitAtOnce));
        int state = 0;
        for (int i = 0; i < 3; i++)
        {
            PidFd? child = null;
            Step($"Fork.Run #{i + 1}", () => child = Fork.Run(ExitAtOnce, ref state, default, new ForkOptions(), out _));
            child!.WaitForExit();
            child.Dispose();
        }
        stop.Cancel();
        return 0;
    }
#pragma warning restore SPAWN0109

    private static void Step(string name, Action action)
    {
        long started = Stopwatch.GetTimestamp();
        int collections = GC.CollectionCount(2);
        action();
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ms,10:0.0} ms {GC.CollectionCount(2) - collections,8} collections  {name}"));
    }

    private static unsafe void BindToolkit() => _ = NativeFork.ChildToolkit();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ExitAtOnce(ref int state) => 0;
}
