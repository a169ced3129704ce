using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Specs;
using Spawn.Tests.Shared;
using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>The generated [Pipe] pipelines of <see cref="PipelineSpecs"/> run real processes joined by real pipes.</summary>
public sealed partial class PipelineTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spawn-pipe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Three_stages_count_what_gzip_wrote_as_the_shell_does()
    {
        string count = Path.Combine(_folder, "count");
        string shellCount = Path.Combine(_folder, "shell-count");

        ExitStatus status = PipelineSpecs.CompressedSize(1 << 20, count);

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, PipelineSpecs.CompressedSizeInShell(1 << 20, shellCount).ExitCode);
        long bytes = long.Parse(File.ReadAllText(count).Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(bytes, 20, (1 << 20) - 1); // gzip wrote something, and compressed the zeros
        Assert.Equal(File.ReadAllText(shellCount), File.ReadAllText(count));
    }

    [Fact]
    public void PipelineStatus_has_every_stage()
    {
        PipelineStatus stages = PipelineSpecs.CompressedSizeStages(4096, Path.Combine(_folder, "count"));

        Assert.Equal(3, stages.Count);
        for (int i = 0; i < stages.Count; i++)
        {
            Assert.Equal(0, stages[i].ExitCode);
        }

        Assert.True(stages.Succeeded);
        Assert.Equal("exited with code 0 | exited with code 0 | exited with code 0", stages.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => stages[3]);
    }

    [Fact]
    public void A_failing_middle_stage_gives_the_pipefail_status()
    {
        Assert.Equal(3, PipelineSpecs.FailInTheMiddle(3).ExitCode);

        PipelineStatus stages = PipelineSpecs.FailInTheMiddleStages(4);
        Assert.Equal(0, stages[0].ExitCode);
        Assert.Equal(4, stages[1].ExitCode);
        Assert.Equal(0, stages[2].ExitCode);
        Assert.Equal(4, stages.Status.ExitCode);
        Assert.False(stages.Succeeded);
        Assert.Equal(0, PipelineSpecs.FailInTheMiddle(0).ExitCode);
    }

    [Fact]
    public void Yes_into_head_ends_because_SIGPIPE_is_back_at_its_default()
    {
        PipelineStatus stages = PipelineSpecs.YesHead();

        Assert.Equal(Signals.SIGPIPE, stages[0].Signal);
        Assert.Equal(0, stages[1].ExitCode);
        Assert.Equal(Signals.SIGPIPE, stages.Status.Signal);
    }

    [Fact]
    public void Each_stage_holds_only_its_own_ends_of_the_links()
    {
        string file = Path.Combine(_folder, "descriptors");
        Assert.Equal(0, PipelineSpecs.ListDescriptors(file).ExitCode);

        // Stage => descriptor => pipe inode, from each stage's `ls -l /proc/self/fd`.
        string listing = File.ReadAllText(file);
        output.WriteLine(listing);
        var pipes = new Dictionary<int, Dictionary<int, string>>();
        foreach (string section in listing.Split("stage ", StringSplitOptions.RemoveEmptyEntries))
        {
            int stage = int.Parse(section[..1], CultureInfo.InvariantCulture);
            pipes[stage] = PipeLink().Matches(section).ToDictionary(
                match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match => match.Groups[2].Value);
        }

        Assert.Equal([1, 2, 3], pipes.Keys.Order());
        // Link 1 is stage 1's stdout and stage 2's stdin; link 2 stage 2's stdout and stage 3's stdin.
        Assert.Equal(pipes[1][1], pipes[2][0]);
        Assert.Equal(pipes[2][1], pipes[3][0]);
        Assert.NotEqual(pipes[1][1], pipes[2][1]);
        string[] links = [pipes[1][1], pipes[2][1]];
        foreach ((int stage, Dictionary<int, string> descriptors) in pipes)
        {
            foreach ((int fd, string inode) in descriptors)
            {
                Assert.False(fd > 1 && links.Contains(inode), $"stage {stage} holds a link (pipe:[{inode}]) at descriptor {fd}");
            }
        }

        Assert.False(pipes[1].ContainsKey(0), "stage 1's stdin is /dev/null");
        Assert.False(pipes[3].ContainsKey(1), "stage 3's stdout is /dev/null");
    }

    [Fact]
    public void Stdin_goes_to_the_first_stage_stdout_to_the_last_stderr_and_the_environment_to_all_in_one_new_process_group()
    {
        string input = Path.Combine(_folder, "in");
        string result = Path.Combine(_folder, "out");
        string errors = Path.Combine(_folder, "errors");
        File.WriteAllText(input, "hello pipes\n");
        PipelineStatus stages;
        using (SafeFileHandle errorFile = File.OpenHandle(errors, FileMode.Create, FileAccess.Write))
        {
            stages = PipelineSpecs.Shout(input, result, errorFile, "here");
        }

        Assert.True(stages.Succeeded, stages.ToString());
        Assert.Equal("HELLO PIPES\n", File.ReadAllText(result));
        string[] lines = File.ReadAllLines(errors);
        output.WriteLine(string.Join("\n", lines));
        Assert.Contains("note here", lines);
        string[] groups = [.. lines.Where(line => line.All(char.IsAsciiDigit))];
        Assert.Equal(3, groups.Length);
        Assert.Single(groups.Distinct());
        Assert.NotEqual(LibC.GetPgrp(), int.Parse(groups[0], CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public void Every_stage_is_born_in_the_cgroup()
    {
        string name = "spawn-generator-pipeline-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        using Cgroup? scope = ConstantCgroupTests.TryCreateChildOfCurrent(name, out string? reason);
        Skip.If(scope is null, reason);
        string file = Path.Combine(_folder, "cgroups");
        try
        {
            Assert.Equal(0, PipelineSpecs.PrintCgroups(scope, file).ExitCode);
        }
        finally
        {
            scope.Delete();
        }

        string[] unified = [.. File.ReadAllLines(file).Where(line => line.StartsWith("0::", StringComparison.Ordinal))];
        Assert.Equal(2, unified.Length);
        Assert.All(unified, line => Assert.EndsWith("/" + name, line, StringComparison.Ordinal));
    }

    [Fact]
    public void The_ExitStatus_form_allocates_nothing_per_call()
    {
        string count = Path.Combine(_folder, "count");

        long pipefail = ZeroAllocationTests.AllocatedByOneCall(() => PipelineSpecs.FailInTheMiddle(2), out ExitStatus failed);
        long compressed = ZeroAllocationTests.AllocatedByOneCall(() => PipelineSpecs.CompressedSize(4096, count), out ExitStatus status);

        output.WriteLine($"three-stage ExitStatus pipelines: {pipefail} and {compressed} bytes per call");
        Assert.Equal(2, failed.ExitCode);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, pipefail);
        Assert.Equal(0, compressed);
    }

    [Fact]
    public void The_PipelineStatus_form_allocates_nothing_per_call()
    {
        for (int i = 0; i < 3; i++)
        {
            PipelineSpecs.FailInTheMiddleStages(1);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        PipelineStatus stages = PipelineSpecs.FailInTheMiddleStages(1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, stages.Status.ExitCode);
        Assert.Equal(0, allocated);
    }

    [GeneratedRegex(@" (\d+) -> pipe:\[(\d+)\]")]
    private static partial Regex PipeLink();
}
