using System.Diagnostics;
using System.Globalization;
using Spawn.Benchmarks.Report;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// The tails of capturing under load: thousands of 1 MiB captures by 8 concurrent callers while as
/// many threads as there are CPUs burn CPU, every method in turn in blocks, in one process. A capture
/// that stalls (a missed wake-up in the reactor, a re-arm race, a starved thread pool) shows as a
/// worst case far above what Process gets in the same run.
/// </summary>
internal static class CaptureStress
{
    private const int Callers = 8;
    private const int Bytes = 1 << 20;
    private const int Blocks = 10;
    private static readonly string[] s_arguments = ["-c", Bytes.ToString(CultureInfo.InvariantCulture), "/dev/zero"];

    public static Section Run(Settings settings)
    {
        (string Name, Func<int, Task> Caller)[] methods =
        [
            ("OutputCapture.RunAsync, 8 async callers", count => Async(count, () => OutputCapture.RunAsync("head", s_arguments).ContinueWith(t => t.Result.StandardOutput.Length, TaskScheduler.Default))),
            ("OutputCapture.Run, 8 threads", count => OnThreads(count, () => OutputCapture.Run("head", s_arguments).StandardOutput.Length)),
#if NET11_0_OR_GREATER
            ("Process.RunAndCaptureTextAsync, 8 async callers", count => Async(count, () => Process.RunAndCaptureTextAsync("head", s_arguments).ContinueWith(t => t.Result.StandardOutput.Length, TaskScheduler.Default))),
            ("Process.RunAndCaptureText, 8 threads", count => OnThreads(count, () => Process.RunAndCaptureText("head", s_arguments).StandardOutput.Length)),
#else
            ("Process.Start + ReadToEndAsync, 8 async callers", count => Async(count, ProcessReadToEndAsync)),
            ("Process.Start + ReadToEnd, 8 threads", count => OnThreads(count, () => ProcessReadToEndAsync().GetAwaiter().GetResult())),
#endif
        ];
        var latencies = methods.Select(_ => new List<double>()).ToArray();
        var wall = new double[methods.Length];
        int perBlock = settings.StressCaptures / Blocks;
        using var burners = new CpuBurners(Environment.ProcessorCount);
        for (int block = 0; block < Blocks; block++)
        {
            for (int k = 0; k < methods.Length; k++)
            {
                int m = (block + k) % methods.Length;
                s_latencies = latencies[m];
                long start = Stopwatch.GetTimestamp();
                methods[m].Caller(perBlock).GetAwaiter().GetResult();
                wall[m] += Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        var table = new MarkdownTable("method", "captures", "captures/s", "median ms", "p99 ms", "p99.9 ms", "worst ms", "worst / median");
        var worst = new double[methods.Length];
        var medians = new double[methods.Length];
        for (int m = 0; m < methods.Length; m++)
        {
            double[] sorted = [.. latencies[m]];
            Array.Sort(sorted);
            medians[m] = Measurement.RoundRobin.Percentile(sorted, 0.5);
            worst[m] = sorted[^1];
            table.AddRow(methods[m].Name, Figures.Count(sorted.Length), Figures.Count(sorted.Length / wall[m]), Figures.Ms(medians[m]),
                         Figures.Ms(Measurement.RoundRobin.Percentile(sorted, 0.99)), Figures.Ms(Measurement.RoundRobin.Percentile(sorted, 0.999)),
                         Figures.Ms(worst[m]), Figures.Ratio(worst[m] / medians[m]));
        }
        string finding = $"{settings.StressCaptures:#,0} captures of 1 MiB per method, {Callers} callers, {Environment.ProcessorCount} threads burning CPU, load average {MachineFacts.LoadAverage()} at the end: "
            + $"worst case OutputCapture.RunAsync {Figures.Ms(worst[0])} ms ({Figures.Ratio(worst[0] / medians[0])} its median), OutputCapture.Run {Figures.Ms(worst[1])} ms ({Figures.Ratio(worst[1] / medians[1])}); "
            + $"{methods[2].Name} {Figures.Ms(worst[2])} ms ({Figures.Ratio(worst[2] / medians[2])}), {methods[3].Name} {Figures.Ms(worst[3])} ms ({Figures.Ratio(worst[3] / medians[3])}).";
        return new Section("Tails under load",
            $"Each method runs {settings.StressCaptures:#,0} captures of `head -c 1048576 /dev/zero` with {Callers} callers at once (async callers on the thread pool, or {Callers} threads), "
            + $"in {Blocks} blocks that rotate between the methods, while {Environment.ProcessorCount} threads spin at normal priority. Latency is per capture, from call to result.",
            [("Per-capture latency:", table)], [finding]);
    }

    // The list the running block records into; blocks run one at a time.
    private static List<double> s_latencies = [];

    private static Task Async(int count, Func<Task<int>> capture)
    {
        int remaining = count;
        var latencies = s_latencies;
        async Task Caller()
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                long start = Stopwatch.GetTimestamp();
                Check(await capture().ConfigureAwait(false));
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (latencies)
                    latencies.Add(ms);
            }
        }
        return Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(Caller)));
    }

    private static Task OnThreads(int count, Func<int> capture)
    {
        int remaining = count;
        var latencies = s_latencies;
        var threads = Enumerable.Range(0, Callers).Select(_ => new Thread(() =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                long start = Stopwatch.GetTimestamp();
                Check(capture());
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (latencies)
                    latencies.Add(ms);
            }
        })).ToArray();
        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            thread.Join();
        return Task.CompletedTask;
    }

#if !NET11_0_OR_GREATER
    private static async Task<int> ProcessReadToEndAsync()
    {
        var info = new ProcessStartInfo("head") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in s_arguments)
            info.ArgumentList.Add(argument);
        using Process process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return output.Length;
    }
#endif

    private static void Check(int length)
    {
        if (length != Bytes)
            throw new InvalidOperationException($"captured {length} characters, expected {Bytes}");
    }

    /// <summary>Threads that spin until disposed, so that every capture competes for the CPUs.</summary>
    private sealed class CpuBurners : IDisposable
    {
        private readonly Thread[] _threads;
        private volatile bool _stop;

        public CpuBurners(int count)
        {
            _threads = [.. Enumerable.Range(0, count).Select(_ => new Thread(Burn) { IsBackground = true, Name = "CPU burner" })];
            foreach (Thread thread in _threads)
                thread.Start();
        }

        private void Burn()
        {
            double x = 1;
            while (!_stop)
                x = Math.Sqrt(x + 1);
            GC.KeepAlive(x);
        }

        public void Dispose()
        {
            _stop = true;
            foreach (Thread thread in _threads)
                thread.Join();
        }
    }
}
