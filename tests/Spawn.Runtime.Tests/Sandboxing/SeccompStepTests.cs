using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>The seccomp step: calls the profile refuses fail with its errno, or kill the child with SIGSYS, and work without it.</summary>
public sealed class SeccompStepTests : LeakCheckedTest
{
    private const int Sigsys = 31;
    private static readonly Errno Edquot = new(122); // an errno nothing else here gives

    private readonly TestDirectory _folder = new();

    protected override void ReleaseFixture() => _folder.Dispose();

    [Fact]
    public void Mkdir_is_refused_with_the_chosen_errno_and_works_without_the_profile()
    {
        using Sandbox refusing = new SandboxProfile().DenySyscall("mkdir", Edquot).DenySyscall("mkdirat", Edquot).Compile();
        using Sandbox plain = new SandboxProfile().Compile();

        var (status, output) = SandboxedRun.Shell(refusing, $"mkdir {_folder["refused"]}");
        var (controlStatus, _) = SandboxedRun.Shell(plain, $"mkdir {_folder["made"]}");

        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("Disk quota exceeded", output); // EDQUOT's message
        Assert.False(Directory.Exists(_folder["refused"]));
        Assert.Equal(0, controlStatus.ExitCode);
        Assert.True(Directory.Exists(_folder["made"]));
    }

    [SkippableFact]
    public void Unshare_is_refused_with_the_chosen_errno()
    {
        Skip.If(LibC.GetEUid() != 0, "unshare -n needs root for the control run");
        using Sandbox refusing = new SandboxProfile().DenySyscall("unshare", Edquot).Compile();
        using Sandbox plain = new SandboxProfile().Compile();

        var (status, output) = SandboxedRun.Shell(refusing, "unshare -n true");
        var (controlStatus, controlOutput) = SandboxedRun.Shell(plain, "unshare -n true");

        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("Disk quota exceeded", output);
        Assert.True(controlStatus.ExitCode == 0, controlOutput);
    }

    [SkippableFact]
    public void Ptrace_is_refused_with_the_chosen_errno()
    {
        Skip.IfNot(File.Exists("/usr/bin/strace"), "strace is not installed");
        using Sandbox refusing = new SandboxProfile().DenySyscall("ptrace", Edquot).Compile();

        var (status, output) = SandboxedRun.Run(refusing, "/usr/bin/strace", ["strace", "-o", "/dev/null", "/bin/true"]);

        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("Disk quota exceeded", output);
    }

    [Fact]
    public void A_kill_rule_ends_the_child_with_sigsys()
    {
        using Sandbox killing = new SandboxProfile().KillOnSyscall("mkdir").KillOnSyscall("mkdirat").Compile();

        var (status, _) = SandboxedRun.Run(killing, "/bin/mkdir", ["mkdir", _folder["never"]]);

        Assert.True(status.Signaled, status.ToString());
        Assert.Equal(Sigsys, status.Signal);
        Assert.False(Directory.Exists(_folder["never"]));
    }

    [Fact]
    public void An_allow_list_kills_what_it_does_not_name()
    {
        // getpid is not on the list: /bin/true never calls it... but the dynamic loader's calls are
        // not there either, so the child dies at once, before main.
        var profile = new SandboxProfile { SeccompDefault = SeccompAction.KillProcess };
        using Sandbox sandbox = profile.Compile();

        var (status, _) = SandboxedRun.Run(sandbox, "/bin/true", ["true"]);

        Assert.True(status.Signaled && status.Signal == Sigsys, status.ToString());
    }

    [Fact]
    public void An_unknown_call_name_fails_compile()
    {
        var error = Assert.Throws<SandboxException>(() => new SandboxProfile().DenySyscall("no_such_call", Errno.EPERM).Compile());
        Assert.Contains("no_such_call", error.Message);
    }

    [Fact]
    public void The_program_checks_the_architecture_and_x32_first()
    {
        byte[] program = SeccompFilter.Compile([new SeccompRule("mkdir", SeccompAction.Error(Errno.EPERM))],
                                               SeccompAction.Allow, SeccompArchitecture.X64);
        Assert.Equal(9 * 8, program.Length); // ld arch, jeq, kill, ld nr, jge x32, enosys, jeq mkdir, errno, allow
        Assert.Equal(0xC000003Eu, BitConverter.ToUInt32(program, 8 + 4));
        Assert.Equal(0x40000000u, BitConverter.ToUInt32(program, 4 * 8 + 4));
        Assert.Equal(83u, BitConverter.ToUInt32(program, 6 * 8 + 4)); // mkdir on x86-64

        byte[] arm = SeccompFilter.Compile([new SeccompRule("mkdir", SeccompAction.Error(Errno.EPERM))],
                                           SeccompAction.Allow, SeccompArchitecture.Arm64);
        Assert.Equal(5 * 8, arm.Length); // arm64 has no mkdir: no rule, no x32 check
    }

    [Theory]
    [InlineData("mkdir", SeccompArchitecture.X64, 83)]
    [InlineData("mkdirat", SeccompArchitecture.X64, 258)]
    [InlineData("mkdirat", SeccompArchitecture.Arm64, 34)]
    [InlineData("fstat", SeccompArchitecture.Arm64, 80)] // defined through the generic table's 32/64-bit aliases
    [InlineData("newfstatat", SeccompArchitecture.Arm64, 79)]
    [InlineData("mmap", SeccompArchitecture.Arm64, 222)]
    [InlineData("landlock_restrict_self", SeccompArchitecture.Arm64, 446)]
    [InlineData("mkdir", SeccompArchitecture.Arm64, -1)] // only x86-64 has it
    public void Names_resolve_per_architecture(string name, SeccompArchitecture architecture, int number) =>
        Assert.Equal(number, SeccompFilter.Lookup(name, architecture));
}
