using System.Globalization;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Interop;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary><see cref="PidFd.GetPid"/> through the PIDFD_GET_INFO ioctl next to parsing /proc/self/fdinfo.</summary>
internal static class GetPid
{
    private const int CallsPerBatch = 1000;

    public static Section Run(Settings settings)
    {
        using var pipes = StandardPipes.Create(StandardStreams.Input);
        using PidFd child = Spawner.PidFdSpawn(NativePrograms.ExitOnEof, pipes.AddTo(null), null, [NativePrograms.ExitOnEof], []);
        pipes.CloseChildEnds();
        try
        {
            int fd = (int)child.DangerousGetHandle();
            Method[] methods =
            [
                new("PidFd.GetPid (PIDFD_GET_INFO ioctl)", () =>
                {
                    for (int i = 0; i < CallsPerBatch; i++)
                        Check(child.GetPid(), child.Pid);
                }),
                new("/proc/self/fdinfo parse (the runtime's fallback)", () =>
                {
                    for (int i = 0; i < CallsPerBatch; i++)
                    {
                        Errno error = ProcFdInfo.ReadPid(fd, out int pid);
                        if (error.Value != 0)
                            throw new InvalidOperationException($"fdinfo: {error}");
                        Check(pid, child.Pid);
                    }
                }),
            ];
            Timing[] timings = RoundRobin.Run(methods, settings.GetPidBatches, settings.WarmupRounds);
            var table = new MarkdownTable("method", "median µs/call", "p99 µs/call", "B/call", "fdinfo / this");
            foreach (Timing timing in timings)
            {
                // A batch's milliseconds over 1,000 calls are microseconds per call.
                table.AddRow(timing.Name, Figures.Ms(timing.MedianMs), Figures.Ms(timing.P99Ms),
                             (timing.ThreadBytesPerOp / (double)CallsPerBatch).ToString("0.###", CultureInfo.InvariantCulture), Figures.Ratio(timings[1].MedianMs / timing.MedianMs));
            }
            string finding = $"The ioctl answers in {Figures.Ms(timings[0].MedianMs)} µs, the fdinfo parse (open, read, parse, close) in {Figures.Ms(timings[1].MedianMs)} µs: "
                + $"the ioctl is {Figures.Ratio(timings[1].MedianMs / timings[0].MedianMs)} faster; "
                + (timings.All(timing => timing.ThreadBytesPerOp == 0) ? "neither allocates." : "see the table for what they allocate.");
            return new Section("PidFd.GetPid",
                $"The pid of a live child's pidfd, {CallsPerBatch:#,0} calls per batch, {settings.GetPidBatches} batches of each, interleaved.",
                [("Per call:", table)], [finding]);
        }
        finally
        {
            pipes.Input!.Dispose();
            child.WaitForExit();
        }
    }

    private static void Check(int pid, int expected)
    {
        if (pid != expected)
            throw new InvalidOperationException($"pid {pid}, expected {expected}");
    }
}
