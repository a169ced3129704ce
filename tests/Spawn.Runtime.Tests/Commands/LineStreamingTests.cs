using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

public sealed class LineStreamingTests : LeakCheckedTest
{
    [Fact]
    public async Task Lines_come_tagged_with_their_stream_in_arrival_order()
    {
        // Each line waits for the previous one to be read back, so the order is the arrival order.
        var command = new Command("sh", "-c", "echo one; sleep 0.1; echo two >&2; sleep 0.1; printf 'three\\r\\nlast'");
        var lines = new List<OutputLine>();
        OutputLines stream = command.ReadLinesAsync();
        await foreach (OutputLine line in stream)
            lines.Add(line);

        Assert.Equal(
            [new(OutputSource.Output, "one"), new(OutputSource.Error, "two"), new(OutputSource.Output, "three"), new(OutputSource.Output, "last")],
            lines);
        Assert.True((await stream.Result).Succeeded);
    }

    [Fact]
    public async Task Many_lines_arrive_complete()
    {
        int count = 0;
        long total = 0;
        await foreach (OutputLine line in new Command("seq", "1", "100000").ReadLinesAsync())
        {
            count++;
            total += long.Parse(line.Text, System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal(100_000, count);
        Assert.Equal(100_000L * 100_001 / 2, total);
    }

    [Fact]
    public async Task A_slow_consumer_pauses_the_child_through_the_full_pipe()
    {
        using var directory = new TestDirectory();
        string progress = directory["progress"];
        // The child records how many lines it wrote; it can only get ahead by what the pipe (64 KiB), the
        // read buffer (16 KiB) and the backlog (4 batches of at most 256 lines) hold: about 1,900 lines of 100 bytes.
        string padding = new('p', 90);
        var command = new Command("sh", "-c", $"i=0; while [ $i -lt 8000 ]; do echo {padding}-$i; i=$((i+1)); echo $i > {progress}; done");
        int read = 0;
        int writtenWhilePaused = 0;
        await foreach (OutputLine line in command.ReadLinesAsync())
        {
            if (++read == 10)
            {
                await Task.Delay(1000);
                string written;
                while ((written = await File.ReadAllTextAsync(progress)).Length == 0)
                    await Task.Delay(10); // the shell truncates the file before it writes the count
                writtenWhilePaused = int.Parse(written, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        Assert.Equal(8000, read);
        Assert.InRange(writtenWhilePaused, 10, 4000);
    }

    [Fact]
    public async Task Leaving_the_loop_early_stops_and_reaps_the_child()
    {
        OutputLines lines = new Command("yes").ReadLinesAsync();
        await foreach (OutputLine line in lines)
        {
            Assert.Equal("y", line.Text);
            break;
        }
        var error = await Assert.ThrowsAsync<JobStoppedException>(() => lines.Result);
        Assert.Equal(StopReason.Canceled, error.Reason);
    }

    [Fact]
    public async Task Lines_of_a_job_enumerate_once()
    {
        OutputLines lines = new Command("true").ReadLinesAsync();
        await foreach (OutputLine line in lines)
            Assert.Fail("no line expected");
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (OutputLine line in lines)
                Assert.Fail("no line expected");
        });
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task A_grandchild_holding_the_pipe_does_not_hold_the_reader_past_the_drain_time(int drainMilliseconds)
    {
        // The cgroup is only there to find the sleep afterwards: disposing it kills what is left.
        using TestCgroup testCgroup = TestCgroup.Create("commands-drain");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        var command = new Command("sh", "-c", "sleep 100 & echo hi") { Cgroup = cgroup, OutputDrainTimeout = TimeSpan.FromMilliseconds(drainMilliseconds) };
        var lines = new List<string>();
        OutputLines stream = command.ReadLinesAsync();
        await foreach (OutputLine line in stream)
            lines.Add(line.Text);
        JobOutput captured = await command.CaptureAsync();
        JobResult run = await command.RunAsync();

        Assert.Equal(["hi"], lines);
        Assert.True((await stream.Result).Succeeded);
        Assert.Equal("hi\n", captured.StandardOutput);
        Assert.True(run.Succeeded);
        Assert.True(cgroup.IsPopulated, "the sleeps still hold the pipes: the reads ended on the drain time");
    }

    [Fact]
    public async Task With_an_infinite_drain_the_reader_waits_for_the_grandchild_to_close_the_pipe()
    {
        var command = new Command("sh", "-c", "(sleep 0.5; echo late) & echo early")
        {
            OutputDrainTimeout = Timeout.InfiniteTimeSpan,
        };
        JobOutput captured = await command.CaptureAsync();
        Assert.Equal("early\nlate\n", captured.StandardOutput);
    }
}
