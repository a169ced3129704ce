using System.Diagnostics;
using System.Globalization;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// The capture targets alone, measured several times over so that their spread shows: 1 KiB and
/// 10 MiB, <see cref="OutputCapture.Run"/> and <see cref="OutputCapture.RunAsync"/> against
/// Process's captures in the same rounds (on .NET 11 <c>RunAndCaptureText(Async)</c>, on .NET 10
/// <c>ReadToEnd(Async)</c>). Not part of <c>all</c>: <c>-- capture-targets [--quick]</c>.
/// </summary>
internal static class CaptureTargets
{
    private const int Repetitions = 3;

    public static Section Run(Settings settings)
    {
        var table = new MarkdownTable("size, repetition", "rounds", "Run ms", "Process sync ms", "sync: Process / Run",
                                      "RunAsync ms", "Process async ms", "async: Process / RunAsync", "Run, stdout widened first: Process / this",
                                      "RunAsync awaited in an async method: Process async / this", "RunAsync complete on return",
                                      "floor ms: pipe bandwidth + string from decoded chars", "sync ceiling: Process / floor", "Run polling before every read: Process / this",
                                      "read, then decode: Process / (pipe bandwidth + UTF8.GetString)");
        var targets = new List<string>();
        string[] words = Environment.GetCommandLineArgs();
        foreach ((int bytes, int rounds, string label) in new[] { (1024, settings.SmallCaptureRounds * 3, "1 KiB"), (10 << 20, settings.LargeCaptureRounds * 2, "10 MiB") })
        {
            // "1k" or "10m" after the scenario's name runs that size alone.
            if ((words.Contains("1k") && bytes != 1024) || (words.Contains("10m") && bytes == 1024))
                continue;
            string[] arguments = ["-c", bytes.ToString(CultureInfo.InvariantCulture), "/dev/zero"];
            Method[] methods = [.. Methods(arguments, bytes)];
            var syncRatios = new List<double>();
            var asyncRatios = new List<double>();
            var ceilings = new List<double>();
            var readThenDecodeCeilings = new List<double>();
            for (int repetition = 1; repetition <= Repetitions; repetition++)
            {
                Timing[] timings = RoundRobin.Run(methods, rounds, Math.Min(rounds, settings.WarmupRounds));
                // By name: the rows' order is Methods' order, which changes as ideas come and go. Only the
                // first four stay put (Run, RunAsync, then Process's sync and async captures, whose names
                // differ between .NET 10 and 11).
                double Median(string name) => Timing.Find(timings, name).MedianMs;
                double run = Median("OutputCapture.Run"), runAsync = Median("OutputCapture.RunAsync"), widened = Median("widened before the spawn"),
                       awaited = Median("awaited in an async method"), pollingEach = Median("polling before every read"),
                       floor = Median("floor: pipe bandwidth") + Median("floor: the string built"),
                       readThenDecode = Median("floor: pipe bandwidth") + Median("UTF8.GetString of the output's bytes");
                double process = timings[2].MedianMs, processAsync = timings[3].MedianMs;
                int completedAtOnce = Interlocked.Exchange(ref s_completedAtOnce, 0), started = Interlocked.Exchange(ref s_started, 0);
                syncRatios.Add(process / run);
                asyncRatios.Add(processAsync / runAsync);
                table.AddRow($"{label}, {repetition}", rounds.ToString(CultureInfo.InvariantCulture), Figures.Ms(run), Figures.Ms(process), Figures.Ratio(process / run),
                             Figures.Ms(runAsync), Figures.Ms(processAsync), Figures.Ratio(processAsync / runAsync), Figures.Ratio(process / widened),
                             Figures.Ratio(processAsync / awaited), $"{completedAtOnce} of {started}", Figures.Ms(floor), Figures.Ratio(process / floor), Figures.Ratio(process / pollingEach),
                             Figures.Ratio(process / readThenDecode));
                ceilings.Add(process / floor);
                readThenDecodeCeilings.Add(process / readThenDecode);
            }
            targets.Add($"{label} on {RuntimeNames.Long}, {Repetitions} repetitions of {rounds} rounds: Process / Run {Spread(syncRatios)}, Process async / RunAsync {Spread(asyncRatios)}; "
                        + $"the most any synchronous capture could reach, Process / (pipe bandwidth + building the string once the output ended) {Spread(ceilings)}; "
                        + $"the most a capture that decodes once the output ended could reach, Process / (pipe bandwidth + UTF8.GetString) {Spread(readThenDecodeCeilings)}.");
        }
        targets.Add($"epoll_ctl ADD + DEL of a pipe: {Figures.Ms(RegistrationMicroseconds())} µs per pair (a capture makes up to three pairs).");
        return new Section("Capture targets", "Each repetition runs the methods in turn, round after round, in one process.", [("Medians per repetition:", table)], targets);
    }

    private static string Spread(List<double> ratios) =>
        $"{Figures.Ratio(ratios.Min())} to {Figures.Ratio(ratios.Max())} ({string.Join(", ", ratios.Select(Figures.Ratio))})";

    private static IEnumerable<Method> Methods(string[] arguments, int bytes)
    {
        yield return new("OutputCapture.Run", () => Check(OutputCapture.Run("head", arguments).StandardOutput, bytes));
        yield return new("OutputCapture.RunAsync", () => Check(CountingCompletion(OutputCapture.RunAsync("head", arguments)).GetAwaiter().GetResult().StandardOutput, bytes));
#if NET11_0_OR_GREATER
        yield return new("Process.RunAndCaptureText", () => Check(Process.RunAndCaptureText("head", arguments).StandardOutput, bytes));
        yield return new("Process.RunAndCaptureTextAsync", () => Check(Process.RunAndCaptureTextAsync("head", arguments).GetAwaiter().GetResult().StandardOutput, bytes));
#else
        yield return new("Process.Start + ReadToEnd", () =>
        {
            using Process process = Process.Start(CaptureOutput.Redirected(arguments))!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Check(output, bytes);
        });
        yield return new("Process.Start + ReadToEndAsync", () => Check(CaptureOutput.ReadWithProcessAsync(arguments).GetAwaiter().GetResult(), bytes));
#endif
        yield return new("OutputCapture.Run's steps, stdout widened before the spawn", () => Check(WidenedFirst(arguments), bytes));
        yield return new("OutputCapture.Run polling before every read", () => Check(PollingBeforeEveryRead(arguments), bytes));
        yield return new("OutputCapture.RunAsync awaited in an async method (its continuation on the thread pool)", () => Check(AwaitedAsync(arguments).GetAwaiter().GetResult(), bytes));
        // The floor of any synchronous capture that returns a string: the output cannot end sooner than
        // the pipe carries it, and the string's length is known only then, so at least an allocation
        // and a copy of already-decoded characters follow (decoding itself could overlap the reads).
        yield return new("floor: pipe bandwidth, no decoding", () => Check(CaptureIdeas.PipeBandwidth(["head", .. arguments]), bytes));
        char[] decoded = new char[bytes];
        yield return new("floor: the string built from already-decoded characters (no process)", () => Check(new string(decoded), bytes));
        // What a capture that decodes once the output ended adds to the pipe: counting the characters,
        // allocating the string and decoding into it, the bytes already in memory.
        byte[] output = new byte[bytes];
        yield return new("UTF8.GetString of the output's bytes (no process)", () => Check(System.Text.Encoding.UTF8.GetString(output), bytes));
    }

    private static int s_completedAtOnce, s_started;

    // Counts the captures that had completed when RunAsync returned (the child and its pipes had ended).
    private static Task<CapturedOutput> CountingCompletion(Task<CapturedOutput> capture)
    {
        Interlocked.Increment(ref s_started);
        if (capture.IsCompleted)
            Interlocked.Increment(ref s_completedAtOnce);
        return capture;
    }

    private static async Task<string> AwaitedAsync(string[] arguments) =>
        (await OutputCapture.RunAsync("head", arguments).ConfigureAwait(false)).StandardOutput;

    private static unsafe double RegistrationMicroseconds()
    {
        const int Pairs = 20_000;
        int epoll = Spawn.Interop.Epoll.Create(Spawn.Interop.Epoll.EPOLL_CLOEXEC);
        using CapturePipes pipes = CapturePipes.Create();
        int fd = (int)pipes.OutputRead.DangerousGetHandle();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Pairs; i++)
        {
            Spawn.Interop.Epoll.Control(epoll, Spawn.Interop.Epoll.EPOLL_CTL_ADD, fd, Spawn.Interop.Epoll.EPOLLIN | Spawn.Interop.Epoll.EPOLLONESHOT, 1);
            Spawn.Interop.Epoll.Control(epoll, Spawn.Interop.Epoll.EPOLL_CTL_DEL, fd, 0, 0);
        }
        double microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds / Pairs;
        Spawn.Interop.Libc.Close(epoll);
        return microseconds;
    }

    private static string PollingBeforeEveryRead(string[] arguments)
    {
        int saved = OutputPolling.ReadsBeforePolling;
        OutputPolling.ReadsBeforePolling = 0;
        try
        {
            return OutputCapture.Run("head", arguments).StandardOutput;
        }
        finally
        {
            OutputPolling.ReadsBeforePolling = saved;
        }
    }

    private static string WidenedFirst(string[] arguments)
    {
        using CapturePipes pipes = CapturePipes.Create();
        Spawn.Interop.DescriptorSyscalls.Fcntl((int)pipes.OutputRead.DangerousGetHandle(), Spawn.Interop.DescriptorSyscalls.F_SETPIPE_SZ, PipeLimits.MaximumSize);
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.FileActions(), null, ["head", .. arguments], null);
        pipes.CloseChildEnds();
        return OutputCapture.Collect(child, pipes.OutputRead, pipes.ErrorRead).StandardOutput;
    }


    private static void Check(string output, int bytes) => Check(output.Length, bytes);

    private static void Check(int length, int bytes)
    {
        if (length != bytes)
            throw new InvalidOperationException($"captured {length} characters, expected {bytes}");
    }
}
