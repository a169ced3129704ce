using System.Text;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

public sealed class CommandTests : LeakCheckedTest
{
    [Fact]
    public async Task CaptureAsync_returns_the_status_stdout_and_stderr()
    {
        JobOutput result = await new Command("sh", "-c", "echo out; echo err >&2; exit 3").CaptureAsync();
        Assert.Equal(3, result.Status.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.Equal(StopReason.None, result.StopReason);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Capture_works_synchronously_and_the_command_is_reusable()
    {
        var command = new Command("sh", "-c", "echo $0", "again");
        Assert.Equal("again\n", command.Capture().StandardOutput);
        Assert.Equal("again\n", command.Capture().StandardOutput);
    }

    [Fact]
    public async Task RunAsync_returns_the_status_without_reading_the_output()
    {
        JobResult result = await new Command("sh", "-c", "exit 7") { Output = OutputRedirection.Discard }.RunAsync();
        Assert.Equal(7, result.Status.ExitCode);
        Assert.Single(result.Stages);
    }

    [Fact]
    public async Task Stdin_comes_from_a_string_bytes_a_stream_or_a_file()
    {
        var cat = new Command("cat");
        Assert.Equal("from text", (await (cat with { Input = StandardInput.FromText("from text") }).CaptureAsync()).StandardOutput);
        Assert.Equal("bytes", (await (cat with { Input = StandardInput.FromBytes("bytes"u8.ToArray()) }).CaptureAsync()).StandardOutput);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('s', 300_000)));
        Assert.Equal(300_000, (await (cat with { Input = StandardInput.FromStream(stream) }).CaptureAsync()).StandardOutput.Length);
        using var directory = new TestDirectory();
        string file = Path.Combine(directory.Path, "input");
        await File.WriteAllTextAsync(file, "from file");
        Assert.Equal("from file", (await (cat with { Input = StandardInput.FromFile(file) }).CaptureAsync()).StandardOutput);
        Assert.Equal("", (await cat.CaptureAsync()).StandardOutput);
    }

    [Fact]
    public async Task A_command_that_does_not_read_its_stdin_is_no_error()
    {
        JobOutput result = await new Command("true") { Input = StandardInput.FromBytes(new byte[1 << 20]) }.CaptureAsync();
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Stderr_can_be_merged_into_stdout_or_discarded()
    {
        var both = new Command("sh", "-c", "echo out; echo err >&2");
        JobOutput merged = await (both with { Error = OutputRedirection.ToOutput }).CaptureAsync();
        Assert.Equal("out\nerr\n", merged.StandardOutput);
        Assert.Equal("", merged.StandardError);
        JobOutput discarded = await (both with { Error = OutputRedirection.Discard }).CaptureAsync();
        Assert.Equal("out\n", discarded.StandardOutput);
        Assert.Equal("", discarded.StandardError);
    }

    [Fact]
    public async Task The_encoding_decodes_the_output_and_encodes_the_input()
    {
        var latin1 = Encoding.Latin1;
        JobOutput result = await new Command("cat") { Encoding = latin1, Input = StandardInput.FromText("déjà") }.CaptureAsync();
        Assert.Equal("déjà", result.StandardOutput);
        JobOutput bytes = await new Command("printf", "\\351") { Encoding = latin1 }.CaptureAsync();
        Assert.Equal("é", bytes.StandardOutput);
    }

    [Fact]
    public async Task Environment_changes_and_working_directory_apply()
    {
        System.Environment.SetEnvironmentVariable("SPAWN_COMMANDS_REMOVED", "present");
        try
        {
            var command = new Command("sh", "-c", "echo \"$SPAWN_ADDED:${SPAWN_COMMANDS_REMOVED-unset}:$(pwd)\"")
            {
                Environment = new Dictionary<string, string?> { ["SPAWN_ADDED"] = "added", ["SPAWN_COMMANDS_REMOVED"] = null },
                WorkingDirectory = "/tmp",
            };
            Assert.Equal("added:unset:/tmp\n", (await command.CaptureAsync()).StandardOutput);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("SPAWN_COMMANDS_REMOVED", null);
        }
    }

    [Fact]
    public async Task ThrowOnFailure_names_the_command_and_the_end_of_its_stderr()
    {
        var command = new Command("sh", "-c", "echo first >&2; echo 'the real reason' >&2; exit 2") { ThrowOnFailure = true };
        var error = await Assert.ThrowsAsync<JobFailedException>(() => command.CaptureAsync());
        Assert.Contains("sh -c", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the real reason", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Result.Status.ExitCode);
    }

    [Fact]
    public async Task Output_over_the_limit_stops_the_command_with_a_clear_error()
    {
        var command = new Command("yes") { MaxCapturedBytes = 100_000 };
        var error = await Assert.ThrowsAsync<JobStoppedException>(() => command.CaptureAsync());
        Assert.Equal(StopReason.OutputLimit, error.Reason);
        Assert.Equal(Signals.SIGTERM, error.Result.Status.Signal);
        Assert.Contains("captured-bytes limit", error.Message, StringComparison.Ordinal);
        Assert.True(((JobOutput)error.Result).StandardOutput.Length <= 100_000);
    }

    [Fact]
    public async Task A_missing_program_throws_the_spawn_error_and_leaves_nothing()
    {
        var error = await Assert.ThrowsAsync<SpawnException>(() => new Command("/nonexistent/program").CaptureAsync());
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnStage.Exec, error.Stage);
        Assert.Equal("/nonexistent/program", error.Path);
    }

    [Fact]
    public async Task A_missing_stdin_file_names_the_file_action_and_the_path()
    {
        var error = await Assert.ThrowsAsync<SpawnException>(
            () => new Command("cat") { Input = StandardInput.FromFile("/nonexistent/input") }.CaptureAsync());
        Assert.Equal(SpawnStage.FileAction, error.Stage);
        Assert.Equal("/nonexistent/input", error.Path);
    }

    [Fact]
    public async Task The_child_gets_SIGPIPE_back_at_its_default()
    {
        JobOutput result = await new Command("sh", "-c", "grep SigIgn /proc/self/status").CaptureAsync();
        ulong ignored = Convert.ToUInt64(result.StandardOutput.Split(':')[1].Trim(), 16);
        Assert.Equal(0UL, ignored & (1UL << (Signals.SIGPIPE - 1)));
    }

    [Fact]
    public async Task A_closed_stdin_stream_is_refused_before_anything_starts()
    {
        var closed = new MemoryStream();
        await closed.DisposeAsync();
        Assert.Throws<ArgumentException>(() => StandardInput.FromStream(closed));

        var later = new MemoryStream("data"u8.ToArray());
        var command = new Command("cat") { Input = StandardInput.FromStream(later) };
        await later.DisposeAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => command.CaptureAsync());
        Assert.Contains("stdin stream cannot be read", error.Message, StringComparison.Ordinal);
    }
}
