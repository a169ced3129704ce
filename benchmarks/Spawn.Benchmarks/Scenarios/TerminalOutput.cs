using System.Globalization;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Streams;
using Spawn.Terminals;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// A child on a pseudo-terminal against the same child on a pipe: output throughput (<c>head -c N
/// /dev/zero</c>, the leader or the pipe read to end through the reactor) and the cost of the spawn
/// itself (<c>/bin/true</c>, spawned, waited for, disposed).
/// </summary>
internal static class TerminalOutput
{
    private const int OutputBytes = 10 << 20;

    public static Section Run(Settings settings)
    {
        string[] argv = ["head", "-c", OutputBytes.ToString(CultureInfo.InvariantCulture), "/dev/zero"];
        // Raw, so the terminal passes the bytes unchanged, as the pipe does (no NL to CR NL).
        var raw = new TerminalOptions { Raw = true };
        Method[] throughput =
        [
            new("pipe (StandardPipes), ReadAsync", () => ThroughPipe(argv, asynchronous: true)),
            new("terminal (Terminal.Spawn, raw), ReadAsync", () => ThroughTerminal(argv, raw, asynchronous: true)),
            new("pipe (StandardPipes), Read", () => ThroughPipe(argv, asynchronous: false)),
            new("terminal (Terminal.Spawn, raw), Read", () => ThroughTerminal(argv, raw, asynchronous: false)),
        ];
        Timing[] output = RoundRobin.Run(throughput, settings.TerminalThroughputRounds, Math.Min(settings.TerminalThroughputRounds, settings.WarmupRounds));

        Method[] spawn =
        [
            new("Spawner.PidFdSpawn", () =>
            {
                using PidFd child = Spawner.PidFdSpawn("/bin/true", null, null, ["true"], []);
                child.WaitForExit();
            }),
            new("Terminal.Spawn", () =>
            {
                using var terminal = Terminal.Spawn("/bin/true", ["true"], envp: []);
                terminal.Process!.WaitForExit();
            }),
            new("[Terminal] spec", () =>
            {
                using PidFd child = TerminalSpecs.TrueOnTerminal(out Terminal terminal);
                using (terminal)
                    child.WaitForExit();
            }),
        ];
        Timing[] cost = RoundRobin.Run(spawn, settings.TerminalSpawnRounds, settings.WarmupRounds);

        var tables = new List<(string, MarkdownTable)>
        {
            ($"10 MiB of output through a pipe and through a terminal, {settings.TerminalThroughputRounds} rounds:", TimingTable.Create(output, "pipe")),
            ($"Spawning `/bin/true` and waiting for it, {settings.TerminalSpawnRounds} rounds:", TimingTable.Create(cost, "PidFdSpawn")),
        };
        double mibPerSecond(Timing timing) => OutputBytes / (1024.0 * 1024.0) / (timing.MedianMs / 1000.0);
        var findings = new List<string>
        {
            $"Output: a terminal carries {mibPerSecond(output[1]):0} MiB/s against a pipe's {mibPerSecond(output[0]):0} MiB/s read through the reactor "
                + $"(the terminal takes {Figures.Ratio(output[1].MedianMs / output[0].MedianMs)} the pipe's time), and {mibPerSecond(output[3]):0} against "
                + $"{mibPerSecond(output[2]):0} MiB/s read with poll on the calling thread ({Figures.Ratio(output[3].MedianMs / output[2].MedianMs)}).",
            $"Spawn: a terminal spawn (open the pair, the terminal step, close the follower, hang up) costs {Figures.Ms(cost[1].MedianMs)} ms "
                + $"against {Figures.Ms(cost[0].MedianMs)} ms for a plain one ({Figures.Ratio(cost[1].MedianMs / cost[0].MedianMs)}); "
                + $"the same spawn from a [Terminal] spec takes {Figures.Ratio(cost[2].MedianMs / cost[1].MedianMs)} the time of Terminal.Spawn.",
        };
        return new Section("Terminals", "The same child writes the same bytes to a pipe and to a pseudo-terminal; both ends are read through the epoll reactor.", tables, findings);
    }

    private static void ThroughPipe(string[] argv, bool asynchronous)
    {
        using var pipes = StandardPipes.Create(StandardStreams.Output);
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.AddTo(null), null, argv, null);
        pipes.CloseChildEnds();
        Check(Drain(pipes.Output!, asynchronous));
        child.WaitForExit();
    }

    private static void ThroughTerminal(string[] argv, TerminalOptions options, bool asynchronous)
    {
        using var terminal = Terminal.Spawn("head", argv, options);
        Check(Drain(terminal.Leader, asynchronous));
        terminal.Process!.WaitForExit();
    }

    // Asynchronous: a read that finds nothing waits on the reactor; synchronous: on poll in this thread.
    private static long Drain(Stream stream, bool asynchronous)
    {
        byte[] buffer = new byte[65536];
        long total = 0;
        int count;
        while ((count = asynchronous ? stream.ReadAsync(buffer).AsTask().GetAwaiter().GetResult() : stream.Read(buffer)) > 0)
            total += count;
        return total;
    }

    private static void Check(long bytes)
    {
        if (bytes != OutputBytes)
            throw new InvalidOperationException($"read {bytes} bytes, expected {OutputBytes}");
    }
}
