using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>What a child writes to its terminal arrives whole, even when it exits at once.</summary>
public sealed class TerminalDataTests : ReactorAwareTest
{
    [SkippableFact]
    public async Task A_MiB_written_by_the_child_arrives_intact()
    {
        TerminalTranscript.RequirePseudoTerminals();
        byte[] payload = new byte[1 << 20];
        new Random(14).NextBytes(payload);
        string file = Path.Combine(Path.GetTempPath(), $"spawn-terminal-{Environment.ProcessId}-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, payload);
        try
        {
            // Raw: no output processing (NL to CR NL), so the bytes pass unchanged.
            using var terminal = Terminal.Spawn("cat", ["cat", file], new TerminalOptions { Raw = true });

            byte[] received = await ReadAllAsync(terminal);

            Assert.Equal(payload.Length, received.Length);
            Assert.True(payload.AsSpan().SequenceEqual(received), "the bytes differ");
            Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task A_child_that_exits_right_after_writing_loses_nothing()
    {
        TerminalTranscript.RequirePseudoTerminals();
        // Less than the terminal buffers, so the child never waits for a reader: it is gone (and
        // reaped) before the first read.
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "i=0; while [ $i -lt 300 ]; do echo line-$i; i=$((i+1)); done"]);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);

        string output = await new TerminalTranscript(terminal).ReadToEndAsync();

        string[] lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"line-{i}"), lines);
    }

    private static async Task<byte[]> ReadAllAsync(Terminal terminal)
    {
        using var received = new MemoryStream();
        using var patience = new CancellationTokenSource(TerminalTranscript.Patience);
        byte[] buffer = new byte[65536];
        int count;
        while ((count = await terminal.Leader.ReadAsync(buffer, patience.Token)) > 0)
            received.Write(buffer, 0, count);
        return received.ToArray();
    }
}
