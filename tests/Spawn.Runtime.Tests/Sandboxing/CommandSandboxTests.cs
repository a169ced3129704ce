using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>
/// <see cref="Command.Sandbox"/>: the command layer runs a command, or one stage of a pipeline, with
/// the sandbox's steps after its own redirections and with the sandbox's environment.
/// </summary>
public sealed class CommandSandboxTests : LeakCheckedTest
{
    private readonly TestDirectory _writable = new();
    private readonly TestDirectory _outside = new();

    protected override void ReleaseFixture()
    {
        _writable.Dispose();
        _outside.Dispose();
    }

    [SkippableFact]
    public async Task A_sandboxed_command_writes_only_its_folder_and_its_output_is_captured()
    {
        SandboxedRun.RequireLandlock();
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_writable.Path).Compile();
        var command = new Command("sh", "-c", $"echo in > {_writable["a"]} && echo written; echo out > {_outside["b"]}") { Sandbox = sandbox };

        JobOutput output = await command.CaptureAsync();

        Assert.Equal("written\n", output.StandardOutput);
        Assert.Contains("Permission denied", output.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, output.Status.ExitCode);
        Assert.Equal("in\n", File.ReadAllText(_writable["a"]));
        Assert.False(File.Exists(_outside["b"]));
    }

    [SkippableFact]
    public async Task Only_the_sandboxed_stage_of_a_pipeline_is_restricted()
    {
        SandboxedRun.RequireLandlock();
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_writable.Path).Compile();
        var pipeline = new Command("sh", "-c", "cat /etc/hostname >/dev/null && echo free") |
                       new Command("sh", "-c", "cat; cat /etc/hostname >/dev/null || echo refused") { Sandbox = sandbox };

        JobOutput output = await pipeline.CaptureAsync();

        Assert.Equal("free\nrefused\n", output.StandardOutput);
    }

    [Fact]
    public async Task The_sandbox_environment_is_the_base_and_the_commands_changes_apply_to_it()
    {
        using Sandbox sandbox = new SandboxProfile { Environment = ["PATH=/usr/bin:/bin", "FROM_SANDBOX=1"] }.Compile();
        System.Environment.SetEnvironmentVariable("SPAWN_TEST_PARENT_ONLY", "1");
        try
        {
            JobOutput plain = await new Command("env") { Sandbox = sandbox }.CaptureAsync();
            JobOutput changed = await new Command("env")
            {
                Sandbox = sandbox,
                Environment = new Dictionary<string, string?> { ["EXTRA"] = "2", ["FROM_SANDBOX"] = null },
            }.CaptureAsync();

            Assert.Equal(["FROM_SANDBOX=1", "PATH=/usr/bin:/bin"], Lines(plain.StandardOutput));
            Assert.Equal(["EXTRA=2", "PATH=/usr/bin:/bin"], Lines(changed.StandardOutput));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("SPAWN_TEST_PARENT_ONLY", null);
        }
    }

    [SkippableFact]
    public async Task A_disposed_sandbox_is_refused_and_nothing_starts()
    {
        SandboxedRun.RequireLandlock();
        Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_writable.Path).Compile();
        sandbox.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => new Command("true") { Sandbox = sandbox }.RunAsync());
    }

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
