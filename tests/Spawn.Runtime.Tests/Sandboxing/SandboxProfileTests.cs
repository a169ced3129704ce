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

        var (status, output) = SandboxedRun.Run(sandbox, "/usr/bin/bash", ["bash", "-c",
            "echo made > here.txt && cat here.txt; echo x > /tmp/spawn-untrusted-escape; "
            + "(echo > /dev/tcp/127.0.0.1/22) 2>&1 | head -1; unshare -n true; echo done"]);

        Assert.Equal("made\n", File.ReadAllText(_folder["here.txt"]));
        Assert.False(File.Exists("/tmp/spawn-untrusted-escape"));
        Assert.Contains("/tmp/spawn-untrusted-escape: Permission denied", output); // Landlock
        // As root the child is in an empty network namespace (ENETUNREACH), else Landlock refuses (EACCES).
        Assert.Matches("connect: (Network is unreachable|Permission denied)", output);
        Assert.Contains("unshare failed: Operation not permitted", output); // seccomp's EPERM
        Assert.Contains("done", output);
        Assert.Equal(0, status.ExitCode);
        Assert.False(sandbox.Landlock.DroppedAny);
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

    [Fact]
    public void A_landlock_step_on_a_descriptor_that_is_no_ruleset_is_named_with_its_errno()
    {
        var actions = new SpawnFileActions().AddNoNewPrivileges().AddLandlockRestrict(0);

        var error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn("/bin/true", actions, null, ["true"], []));

        Assert.Equal(SpawnFileActionKind.Landlock, error.ActionKind);
        Assert.Equal(1, error.ActionIndex);
        Assert.Contains("landlock_restrict_self", error.Message);
        // EBADFD (77): descriptor 0 is open but no ruleset. Without Landlock: ENOSYS or EOPNOTSUPP.
        if (Landlock.AbiVersion > 0)
            Assert.Equal(77, error.Errno.Value);
        else
            Assert.Contains(error.Errno.Value, new[] { Errno.ENOSYS.Value, 95 });
    }

    [Fact]
    public void A_seccomp_program_the_kernel_refuses_is_named_with_its_errno()
    {
        // A load beyond struct seccomp_data (offset 4096): the kernel's checker refuses it.
        byte[] program = new byte[16];
        BitConverter.TryWriteBytes(program.AsSpan(0, 2), (ushort)0x20); // BPF_LD | BPF_W | BPF_ABS
        BitConverter.TryWriteBytes(program.AsSpan(4, 4), 4096u);
        BitConverter.TryWriteBytes(program.AsSpan(8, 2), (ushort)0x06); // BPF_RET | BPF_K
        BitConverter.TryWriteBytes(program.AsSpan(12, 4), 0x7fff0000u);
        var actions = new SpawnFileActions().AddNoNewPrivileges().AddSeccompFilter(program);

        var error = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn("/bin/true", actions, null, ["true"], []));

        Assert.Equal(SpawnFileActionKind.Seccomp, error.ActionKind);
        Assert.Equal(Errno.EINVAL, error.Errno);
    }

    [SkippableFact]
    public void A_profile_that_changes_the_user_drops_every_capability_and_still_changes_it()
    {
        Skip.If(LibC.GetEUid() != 0, "changing to another user needs root");
        var profile = new SandboxProfile { RunAs = (65534, 65534) }.KeepCapabilities();
        using Sandbox sandbox = profile.Compile();

        var (status, output) = SandboxedRun.Shell(sandbox, "grep -E '^(Uid|Gid|Groups|Cap(Prm|Eff|Bnd)|NoNewPrivs)' /proc/self/status");

        Assert.True(status.ExitCode == 0, output);
        Assert.Contains("Uid:\t65534\t65534\t65534\t65534", output);
        Assert.Contains("Gid:\t65534\t65534\t65534\t65534", output);
        Assert.Contains("CapBnd:\t0000000000000000", output);
        Assert.Contains("CapEff:\t0000000000000000", output);
        Assert.Contains("CapPrm:\t0000000000000000", output);
        Assert.Contains("NoNewPrivs:\t1", output);
    }

    [SkippableFact]
    public void A_disposed_sandbox_refuses_to_spawn()
    {
        SandboxedRun.RequireLandlock();
        Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).Compile();
        sandbox.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sandbox.Spawn("/bin/true", ["true"]));
    }
}
