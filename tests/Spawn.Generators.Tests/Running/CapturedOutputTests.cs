using Spawn.Streams;
namespace Spawn.Generators.Tests.Running;

/// <summary>Specs that return <see cref="CapturedOutput"/>: the method pipes stdout and stderr, reads both to their end and waits.</summary>
public sealed class CapturedOutputTests
{
    [Fact]
    public void CapturedOutput_return_holds_the_status_stdout_and_stderr()
    {
        CapturedOutput captured = TestSpecs.Capture("to stdout ü", "to stderr");

        Assert.Equal(3, captured.Status.ExitCode);
        Assert.Equal("to stdout ü", captured.StandardOutput);
        Assert.Equal("to stderr", captured.StandardError);
    }

    [Fact]
    public void Both_streams_are_drained_together_beyond_a_pipe_s_capacity()
    {
        const int Bytes = 300_000;

        CapturedOutput captured = TestSpecs.CaptureLarge(Bytes);

        Assert.Equal(0, captured.Status.ExitCode);
        Assert.Equal(new string('o', Bytes), captured.StandardOutput);
        Assert.Equal(new string('e', Bytes), captured.StandardError);
    }

    [Fact]
    public async Task ValueTask_CapturedOutput_return_leaves_stdin_to_the_caller_while_it_captures()
    {
        ValueTask<CapturedOutput> sorting = TestSpecs.SortAsync(out Stream stdin, CancellationToken.None);
        using (stdin)
        {
            stdin.Write("pear\napple\n"u8);
        }

        CapturedOutput captured = await sorting;

        Assert.Equal(0, captured.Status.ExitCode);
        Assert.Equal("apple\npear\n", captured.StandardOutput);
        Assert.Equal("", captured.StandardError);
    }

    [Fact]
    public async Task Cancelling_a_captured_spawn_kills_the_child()
    {
        using CancellationTokenSource cancellation = new(TimeSpan.FromMilliseconds(200));
        long started = Environment.TickCount64;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await TestSpecs.SleepCapturedAsync(30, cancellation.Token));

        Assert.True(Environment.TickCount64 - started < 10_000, "the sleep was not killed");
    }
}
