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
    public async Task RunAsync_of_a_missing_program_throws_the_spawn_error()
    {
        var exception = await Assert.ThrowsAsync<SpawnException>(() => OutputCapture.RunAsync("/nonexistent/program", []));
        Assert.Equal(Errno.ENOENT, exception.Errno);
    }
}
