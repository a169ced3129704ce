using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>The composed profile: presets, failures that name their step, no leaks, no allocation per spawn.</summary>
public sealed class SandboxProfileTests : LeakCheckedTest
{
    private readonly TestDirectory _folder = new();

    protected override void ReleaseFixture() => _folder.Dispose();

    [SkippableFact]
    public void The_untrusted_preset_writes_only_its_folder_and_has_no_network()
    {
        SandboxedRun.RequireLandlock(6);
        using Sandbox sandbox = SandboxPresets.Untrusted(_folder.Path).Compile();

        var (status, output) = SandboxedRun.Shell(sandbox,
            "echo made > here.txt && cat here.txt; echo x > /tmp/spawn-untrusted-escape; cat /root/.bashrc; "
            + "echo > /dev/tcp/127.0.0.1/22; unshare -n true; echo done");

        Assert.Equal("made\n", File.ReadAllText(_folder["here.txt"]));
        Assert.False(File.Exists("/tmp/spawn-untrusted-escape"));
        Assert.Contains("done", output);
        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("Landlock", sandbox.Landlock.DroppedAny ? "Landlock dropped" : "");
    }

    [Fact]
    public void A_failing_step_is_named_with_its_errno()
    {
        var profile = new SandboxProfile { WorkingDirectory = _folder["missing"] };
        using Sandbox sandbox = profile.Compile();

        var error = Assert.Throws<SpawnException>(() => sandbox.Spawn("/bin/true", ["true"]));

        Assert.Equal(SpawnStage.FileAction, error.Stage);
        Assert.Equal(SpawnFileActionKind.Chdir, error.ActionKind);
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [SkippableFact]
    public void Many_sandboxed_spawns_leave_no_descriptor_or_child()
    {
        SandboxedRun.RequireLandlock();
        // SPAWN_SANDBOX_SPAWNS=1000 for the full count; the default keeps the suite quick.
        int count = int.TryParse(Environment.GetEnvironmentVariable("SPAWN_SANDBOX_SPAWNS"), out int n) ? n : 100;
        using Sandbox shared = SandboxPresets.Untrusted(_folder.Path).Compile();
        for (int i = 0; i < count; i++)
        {
            using PidFd child = shared.Spawn("/bin/true", ["true"]);
            Assert.Equal(0, child.WaitForExit().ExitCode);
            if (i % 10 == 0)
            {
                // A profile compiled and thrown away: its ruleset descriptor must close.
                using Sandbox once = SandboxPresets.Untrusted(_folder.Path).Compile();
                using PidFd other = once.Spawn("/bin/true", ["true"]);
                Assert.Equal(0, other.WaitForExit().ExitCode);
            }
        }
        // LeakCheckedTest.Dispose counts descriptors and children.
    }

    [SkippableFact]
    public void A_constant_profile_allocates_nothing_per_spawn()
    {
        SandboxedRun.RequireLandlock();
        using Sandbox sandbox = SandboxPresets.Untrusted(_folder.Path).Compile();
        IReadOnlyList<string> argv = ["true"];
        var plain = new SpawnFileActions();

        long Measure(Func<PidFd> spawn)
        {
            long least = long.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                using (PidFd child = spawn())
                    child.WaitForExit();
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return least;
        }

        Measure(() => sandbox.Spawn("/bin/true", argv)); // warm-up (JIT, first-use caches)
        Measure(() => Spawner.PidFdSpawn("/bin/true", plain, null, argv, sandbox.Environment));
        long sandboxed = Measure(() => sandbox.Spawn("/bin/true", argv));
        long unsandboxed = Measure(() => Spawner.PidFdSpawn("/bin/true", plain, null, argv, sandbox.Environment));

        // The spawn itself allocates (the PidFd); the sandbox adds nothing to it.
        Assert.True(sandboxed <= unsandboxed, $"sandboxed {sandboxed} bytes, plain {unsandboxed} bytes");
    }
}
