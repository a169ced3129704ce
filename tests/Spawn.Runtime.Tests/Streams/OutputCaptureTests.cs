using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Streams;

public sealed class OutputCaptureTests : ReactorAwareTest
{
    [Fact]
    public async Task RunAsync_returns_the_status_stdout_and_stderr_of_a_command()
    {
        CapturedOutput result = await OutputCapture.RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(3, result.Status.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
    }

    [Fact]
    public async Task RunAsync_captures_output_larger_than_the_pipe_and_its_first_buffer()
    {
        CapturedOutput result = await OutputCapture.RunAsync("sh", ["-c", "head -c 300000 /dev/zero | tr '\\0' a"]);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.Equal(300_000, result.StandardOutput.Length);
        Assert.All(result.StandardOutput, c => Assert.Equal('a', c));
    }

    [Fact]
    public async Task RunAsync_gives_the_command_an_empty_stdin()
    {
        CapturedOutput result = await OutputCapture.RunAsync("cat", []);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Cancelling_RunAsync_kills_and_reaps_the_command()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OutputCapture.RunAsync("sleep", ["1000"], cancellation.Token));
        Assert.Empty(ProcessResources.Zombies());
    }

    [Fact]
    public async Task RunAsync_reads_what_a_grandchild_writes_after_the_command_exited()
    {
        // The command exits first; its pipes end only when the grandchild that inherited them exits.
        CapturedOutput result = await OutputCapture.RunAsync("sh", ["-c", "(sleep 0.3; echo late; echo late-error >&2) & echo early"]);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.Equal("early\nlate\n", result.StandardOutput);
        Assert.Equal("late-error\n", result.StandardError);
    }

    [Fact]
    public async Task Cancelling_RunAsync_ends_it_although_a_grandchild_holds_the_pipes()
    {
        // The killed command's pipes stay open in a grandchild: the capture ends once the command
        // was reaped, without waiting for their end of file.
        string pidFile = Path.Combine(Path.GetTempPath(), $"spawn-grandchild-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        Task<CapturedOutput> capture = OutputCapture.RunAsync("sh", ["-c", $"sleep 1000 & echo $! > {pidFile}.tmp && mv {pidFile}.tmp {pidFile}; exec sleep 1000"], cancellation.Token);
        try
        {
            while (!File.Exists(pidFile))
                await Task.Delay(10);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => capture);
            Assert.Empty(ProcessResources.Zombies());
        }
        finally
        {
            if (File.Exists(pidFile))
            {
                LibC.Kill(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture), Signals.SIGKILL);
                File.Delete(pidFile);
            }
        }
    }

    [Fact]
    public async Task Many_concurrent_RunAsync_captures_each_get_their_own_output()
    {
        // Tens of captures at once share the reactor's thread: each must end with its own bytes.
        Task<CapturedOutput>[] captures = [.. Enumerable.Range(0, 64).Select(n => OutputCapture.RunAsync("sh", ["-c", $"echo out{n}; echo err{n} >&2; exit {n % 7}"]))];
        CapturedOutput[] results = await Task.WhenAll(captures);
        for (int n = 0; n < results.Length; n++)
        {
            Assert.Equal(n % 7, results[n].Status.ExitCode);
            Assert.Equal($"out{n}\n", results[n].StandardOutput);
            Assert.Equal($"err{n}\n", results[n].StandardError);
        }
    }

    [Fact]
    public async Task RunAsync_of_a_missing_program_throws_the_spawn_error()
    {
        var exception = await Assert.ThrowsAsync<SpawnException>(() => OutputCapture.RunAsync("/nonexistent/program", []));
        Assert.Equal(Errno.ENOENT, exception.Errno);
    }

    [Fact]
    public void Run_returns_the_status_stdout_and_stderr_of_a_command()
    {
        CapturedOutput result = OutputCapture.Run("sh", ["-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(3, result.Status.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
    }

    [Fact]
    public void Run_captures_both_streams_past_a_widened_pipe_in_order()
    {
        // Several MiB on each stream: the first full read widens each pipe (F_SETPIPE_SZ), and
        // neither stream may stall the other. seq's lines show a lost, repeated or reordered chunk.
        CapturedOutput result = OutputCapture.Run("sh", ["-c", "seq 1 400000 >&2 & seq 1 400000; wait"]);
        string expected = string.Concat(Enumerable.Range(1, 400_000).Select(n => $"{n}\n"));
        Assert.Equal(0, result.Status.ExitCode);
        Assert.True(expected == result.StandardOutput, "stdout differs from seq's lines");
        Assert.True(expected == result.StandardError, "stderr differs from seq's lines");
    }

    [Fact]
    public async Task RunAsync_captures_both_streams_past_a_widened_pipe_in_order()
    {
        CapturedOutput result = await OutputCapture.RunAsync("sh", ["-c", "seq 1 400000 >&2 & seq 1 400000; wait"]);
        string expected = string.Concat(Enumerable.Range(1, 400_000).Select(n => $"{n}\n"));
        Assert.Equal(0, result.Status.ExitCode);
        Assert.True(expected == result.StandardOutput, "stdout differs from seq's lines");
        Assert.True(expected == result.StandardError, "stderr differs from seq's lines");
    }

    [Fact]
    public void Run_decodes_multibyte_UTF8_split_across_reads()
    {
        // 3-byte characters in 200,000 bytes of output: some reads end inside a character.
        CapturedOutput result = OutputCapture.Run("sh", ["-c", "i=0; while [ $i -lt 2000 ]; do printf '%s' '€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€'; i=$((i+1)); done"]);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.Equal(new string('€', 33 * 2000), result.StandardOutput);
    }

    [Fact]
    public void Run_decodes_characters_that_straddle_the_buffer_segments()
    {
        using var folder = new TestDirectory();
        (string path, string text) = WriteTextStraddlingSegments(folder);
        CapturedOutput result = OutputCapture.Run("cat", [path]);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.True(text == result.StandardOutput, "the decoded text differs from the characters written");
    }

    [Fact]
    public async Task RunAsync_decodes_characters_that_straddle_the_buffer_segments()
    {
        using var folder = new TestDirectory();
        (string path, string text) = WriteTextStraddlingSegments(folder);
        CapturedOutput result = await OutputCapture.RunAsync("cat", [path]);
        Assert.Equal(0, result.Status.ExitCode);
        Assert.True(text == result.StandardOutput, "the decoded text differs from the characters written");
    }

    // PipeBytes fills each segment to its end whatever the reads were, so segment k ends at a known
    // byte: there a character is cut after its lead byte (2-byte é), after three of its four bytes
    // (an emoji) and after two of its three (€). Each cut piece moves on to the next segment.
    private static (string Path, string Text) WriteTextStraddlingSegments(TestDirectory folder)
    {
        const int Segment = PipeBytes.SegmentSize;
        // Segment 1: bytes [0, S), the lead byte of é last. Segment 2 starts with it: [S - 1, 2S - 1).
        // Segment 3 starts with the emoji's first three bytes: [2S - 3, 3S - 3).
        string text = new string('a', Segment - 1) + "\u00e9"
            + new string('b', Segment - 4) + "\U0001F600"
            + new string('c', Segment - 6) + "\u20ac" + "end\n";
        Assert.Equal((3 * Segment) - 5, System.Text.Encoding.UTF8.GetByteCount(text[..text.IndexOf('\u20ac', StringComparison.Ordinal)]));
        return (folder.CreateFile("straddling.txt", text), text);
    }

    [Fact]
    public void Run_of_a_missing_program_throws_the_spawn_error()
    {
        var exception = Assert.Throws<SpawnException>(() => OutputCapture.Run("/nonexistent/program", []));
        Assert.Equal(Errno.ENOENT, exception.Errno);
    }
}
