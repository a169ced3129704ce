using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>
/// [Sandbox] on generated specs against the real kernel: Landlock and seccomp restrict the child,
/// a failing step is named, nothing is left behind, and a spawn allocates nothing for the sandbox.
/// </summary>
public sealed class SandboxedSpecTests : LeakCheckedTest
{
    private static readonly Errno Edquot = new(122); // an errno nothing else here gives

    private readonly TestDirectory _folder = new();

    protected override void ReleaseFixture()
    {
        SandboxedSpecs.Current?.Dispose();
        SandboxedSpecs.Current = null;
        _folder.Dispose();
    }

    [SkippableFact]
    public void Only_the_writable_folder_can_be_written()
    {
        SandboxedRun.RequireLandlock();
        string outside = "/tmp/spawn-sandboxed-spec-" + Environment.ProcessId;
        File.Delete(outside);
        SandboxedSpecs.Current = SandboxedRun.SystemReadOnly(new SandboxProfile { WorkingDirectory = _folder.Path })
            .AllowReadWrite(_folder.Path).Compile();

        CapturedOutput output = SandboxedSpecs.Shell($"echo made > here.txt && cat here.txt; echo x > {outside}; echo \"status $?\"");

        Assert.Equal(0, output.Status.ExitCode);
        Assert.Equal("made\n", File.ReadAllText(_folder["here.txt"]));
        Assert.Contains("made\n", output.StandardOutput);
        Assert.False(File.Exists(outside));
        Assert.Contains($"{outside}: Permission denied", output.StandardError); // EACCES from Landlock
        Assert.Contains("status 2", output.StandardOutput);
    }

    [Fact]
    public void A_refused_system_call_fails_with_the_chosen_errno()
    {
        SandboxedSpecs.Current = new SandboxProfile().DenySyscall("mkdir", Edquot).DenySyscall("mkdirat", Edquot).Compile();

        CapturedOutput output = SandboxedSpecs.Shell($"mkdir {_folder["refused"]}");

        Assert.NotEqual(0, output.Status.ExitCode);
        Assert.Contains("Disk quota exceeded", output.StandardError); // EDQUOT's message
        Assert.False(Directory.Exists(_folder["refused"]));
    }

    [Fact]
    public void The_child_gets_the_sandbox_environment_with_the_spec_variables()
    {
        SandboxedSpecs.Current = new SandboxProfile { Environment = ["PATH=/usr/bin:/bin", "SANDBOXED=1"] }.Compile();

        CapturedOutput output = SandboxedSpecs.Environment("42");

        Assert.Equal(0, output.Status.ExitCode);
        string[] variables = output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["JOB=42", "PATH=/usr/bin:/bin", "SANDBOXED=1"], variables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failing_sandbox_step_is_named_with_its_index_path_and_errno()
    {
        string missing = _folder["missing"];
        SandboxedSpecs.Current = new SandboxProfile { WorkingDirectory = missing }.Compile();

        var error = Assert.Throws<SpawnException>(() => SandboxedSpecs.Start());

        Assert.Equal(SpawnStage.FileAction, error.Stage);
        Assert.Equal(SpawnFileActionKind.Chdir, error.ActionKind);
        Assert.Equal(1, error.ActionIndex); // after the spec's own [StandardInput]
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains(missing, error.Message); // the path, read back from the sandbox's encoded steps
    }

    [SkippableFact]
    public void A_disposed_or_missing_sandbox_throws_before_the_spawn()
    {
        SandboxedRun.RequireLandlock(); // a ruleset for Dispose to close
        var error = Assert.Throws<InvalidOperationException>(() => SandboxedSpecs.True());
        Assert.Contains("SandboxedSpecs.Current", error.Message);

        SandboxedSpecs.Current = new SandboxProfile().AllowReadExecute("/").Compile();
        SandboxedSpecs.Current.Dispose();

        Assert.Throws<ObjectDisposedException>(() => SandboxedSpecs.True());
    }

    [SkippableFact]
    public void Many_sandboxed_spec_spawns_leave_no_descriptor_or_child()
    {
        SandboxedRun.RequireLandlock();
        SandboxedSpecs.Current = SandboxPresets.Untrusted(_folder.Path).Compile();
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0, SandboxedSpecs.True().ExitCode);
            using PidFd child = SandboxedSpecs.Start();
            Assert.Equal(0, child.WaitForExit().ExitCode);
        }
        // LeakCheckedTest.Dispose counts descriptors and children, once the sandbox is disposed.
    }

    [SkippableFact]
    public void A_spec_with_a_constant_sandbox_allocates_nothing_per_spawn()
    {
        SandboxedRun.RequireLandlock();
        SandboxedSpecs.Current = SandboxPresets.Untrusted(_folder.Path).Compile();
        for (int i = 0; i < 3; i++)
            Assert.Equal(0, SandboxedSpecs.True().ExitCode); // warm-up (JIT, first-use caches)

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = SandboxedSpecs.True();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, allocated);
    }
}
