using System.Globalization;
using System.IO.Pipes;
using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

public sealed class PipelineTests : LeakCheckedTest
{
    // Each stage reports, on the shared stderr, its name and its cgroup, then passes its stdin on.
    private const string Report = "echo \"stage $0 $(grep 0:: /proc/$$/cgroup)\" >&2; cat";

    [Fact]
    public async Task Stages_are_wired_in_order_and_the_output_is_the_last_stage_s()
    {
        JobOutput result = await (new Command("printf", "b\\na\\nc\\n") | new Command("sort") | new Command("tr", "a-z", "A-Z")).CaptureAsync();
        Assert.Equal("A\nB\nC\n", result.StandardOutput);
        Assert.Equal(3, result.Stages.Count);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Each_stage_holds_only_its_own_pipe_ends_in_one_new_process_group()
    {
        // The stages wait for stdin while the test looks at them in /proc; the marker finds them.
        string marker = Guid.NewGuid().ToString();
        var stage = new Command("cat") { Environment = new Dictionary<string, string?> { ["SPAWN_TEST_STAGE"] = marker } };
        using var feed = new AnonymousPipeServerStream(PipeDirection.Out);
        using var feedReader = new AnonymousPipeClientStream(PipeDirection.In, feed.ClientSafePipeHandle);
        Task<JobOutput> running = new Pipeline(stage, stage, stage) { Input = StandardInput.FromStream(feedReader) }.CaptureAsync();

        List<int> stages = WaitForMarkedChildren(marker, 3);
        var descriptors = stages.Select(pid => Directory.GetFileSystemEntries($"/proc/{pid}/fd")
            .ToDictionary(entry => Path.GetFileName(entry), entry => new FileInfo(entry).LinkTarget!)).ToList();
        var groups = stages.Select(pid => File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[2]).ToList();
        feed.Write("through"u8);
        feed.Dispose();
        JobOutput result = await running;

        Assert.Equal("through", result.StandardOutput);
        Assert.All(descriptors, table => Assert.Equal(["0", "1", "2"], table.Keys.Order()));
        // Between them the three stages hold the two links once at each end, and nothing else of each other's.
        var outputs = descriptors.Select(table => table["1"]).ToList();
        var inputs = descriptors.Select(table => table["0"]).ToList();
        Assert.Equal(2, outputs.Intersect(inputs).Count());
        Assert.All(descriptors, table => Assert.NotEqual(table["0"], table["1"]));
        Assert.Single(groups.Distinct());
        Assert.Contains(groups[0], stages.Select(pid => pid.ToString(CultureInfo.InvariantCulture)));
    }

    private static List<int> WaitForMarkedChildren(string marker, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var found = Directory.GetDirectories("/proc/self/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
                .Where(pid => IsMarked(pid, marker))
                .ToList();
            if (found.Count == count || DateTime.UtcNow > deadline)
                return found.Count == count ? found : throw new TimeoutException($"found {found.Count} of {count} stages");
            Thread.Sleep(10);
        }
    }

    private static bool IsMarked(int pid, string marker)
    {
        try
        {
            // Until exec the child still shows this process's environment.
            return File.ReadAllText($"/proc/{pid}/environ").Contains(marker, StringComparison.Ordinal)
                && File.ReadAllText($"/proc/{pid}/comm").Trim() == "cat";
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Yes_into_head_ends_because_SIGPIPE_is_back_at_its_default()
    {
        JobOutput result = await (new Command("yes") | new Command("head", "-1")).CaptureAsync();
        Assert.Equal("y\n", result.StandardOutput);
        Assert.Equal(Signals.SIGPIPE, result.Stages[0].Signal);
        Assert.Equal(0, result.Stages[1].ExitCode);
    }

    [Fact]
    public async Task The_overall_status_is_pipefail_s_and_every_stage_s_is_kept()
    {
        JobResult result = await (new Command("sh", "-c", "exit 3") | new Command("sh", "-c", "cat; exit 4") | new Command("true")).RunAsync();
        Assert.Equal([3, 4, 0], result.Stages.Select(status => status.ExitCode));
        Assert.Equal(4, result.Status.ExitCode);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_missing_program_in_stage_two_names_the_stage_and_stops_the_first()
    {
        var pipeline = new Command("sleep", "1000") | new Command("/nonexistent/stage") | new Command("cat");
        var error = await Assert.ThrowsAsync<SpawnException>(() => pipeline.CaptureAsync());
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnStage.Exec, error.Stage);
        Assert.StartsWith("pipeline stage 2 of 3: exec \"/nonexistent/stage\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_pipeline_or_a_stage_with_job_settings_is_refused()
    {
        var empty = Assert.Throws<ArgumentException>(() => new Pipeline());
        Assert.Contains("at least one command", empty.Message, StringComparison.Ordinal);
        var setting = Assert.Throws<ArgumentException>(() => new Command("a") | new Command("b") { Timeout = TimeSpan.FromSeconds(1) });
        Assert.Contains("Stage 2", setting.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", setting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_stops_every_stage_through_the_process_group()
    {
        var pipeline = (new Command("sleep", "1000") | new Command("sleep", "1000")) with { Timeout = TimeSpan.FromMilliseconds(200) };
        var error = await Assert.ThrowsAsync<JobStoppedException>(() => pipeline.RunAsync());
        Assert.All(error.Result.Stages, status => Assert.Equal(Signals.SIGTERM, status.Signal));
    }

    [Fact]
    public async Task Pipelines_stream_lines_like_a_command()
    {
        var lines = new List<string>();
        await foreach (OutputLine line in (new Command("seq", "1", "5") | new Command("sort", "-r")).ReadLinesAsync())
            lines.Add(line.Text);
        Assert.Equal(["5", "4", "3", "2", "1"], lines);
    }

    [SkippableFact]
    public async Task Every_stage_is_born_in_the_pipeline_s_cgroup()
    {
        using TestCgroup testCgroup = TestCgroup.Create("commands-pipeline");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        var stage = (string name) => new Command("sh", "-c", Report, name);
        JobOutput result = await new Pipeline(stage("one"), stage("two")) { Cgroup = cgroup }.CaptureAsync();
        var stages = result.StandardError.Split('\n').Where(line => line.StartsWith("stage ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        Assert.All(stages, line => Assert.EndsWith("0::" + testCgroup.PathInHierarchy, line, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_stage_that_cannot_start_leaves_the_pipeline_s_cgroup_empty()
    {
        using TestCgroup testCgroup = TestCgroup.Create("commands-failed-stage");
        using Cgroup cgroup = Cgroup.Open(testCgroup.Path);
        var pipeline = new Pipeline(new Command("sleep", "1000"), new Command("sleep", "1000"), new Command("/nonexistent/stage"))
        {
            Cgroup = cgroup,
            KillOnParentExit = true,
        };
        var error = await Assert.ThrowsAsync<SpawnException>(() => pipeline.RunAsync());
        Assert.StartsWith("pipeline stage 3 of 3: exec", error.Message, StringComparison.Ordinal);
        Assert.True(cgroup.WaitUntilEmpty(TimeSpan.FromSeconds(10)), "the stages started before the failure are still in the cgroup");
        Assert.Empty(testCgroup.Processes());
    }
}
