using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Spawn.Forking;

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
        Step("", () => { }); // the trace's own first use, before the pressure
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{0.0,10:0.0} ms {0,8} collections  (warm-up)"));
        using var stop = new CancellationTokenSource();
        ForkUnderGcPressure.StartPressure(stop.Token);
        MethodInfo[] methods = [];
        Step("list what the child runs (reflection)", () => methods = ForkPreparation.ChildMethods());
        MethodInfo[] nativeMethods = [.. methods.Where(method => (method.Attributes & MethodAttributes.PinvokeImpl) != 0)];
        Step($"bind the P/Invokes into the C core ({nativeMethods.Length})", () =>
        {
            foreach (MethodInfo method in nativeMethods)
                ForkPreparation.Prepare(method);
        });
        Step($"compile the toolkit ({methods.Length - nativeMethods.Length} methods)", () =>
        {
            foreach (MethodInfo method in methods.Except(nativeMethods))
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
        collections = GC.CollectionCount(2) - collections;
        if (name.Length > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms,10:0.0} ms {collections,8} collections  {name}"));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ExitAtOnce(ref int state) => 0;
}
