using System.Net;
using System.Net.Sockets;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>The Landlock step on the real kernel: files, execution and TCP ports outside the profile are refused.</summary>
public sealed class LandlockTests : LeakCheckedTest
{
    private readonly TestDirectory _allowed = new();
    private readonly TestDirectory _outside = new();

    protected override void ReleaseFixture()
    {
        _allowed.Dispose();
        _outside.Dispose();
    }

    [SkippableFact]
    public void Reading_outside_the_allowed_paths_is_refused_and_inside_works()
    {
        SandboxedRun.RequireLandlock();
        string inside = _allowed.CreateFile("inside.txt", "inside-contents");
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_allowed.Path).Compile();

        var (status, output) = SandboxedRun.Shell(sandbox, $"cat {inside}; cat /etc/passwd");

        Assert.Contains("inside-contents", output);
        Assert.Contains("/etc/passwd: Permission denied", output); // EACCES
        Assert.Equal(1, status.ExitCode);
        Assert.True(File.Exists("/etc/passwd"), "the control: the file is there");
    }

    [SkippableFact]
    public void Writing_outside_the_writable_folder_is_refused()
    {
        SandboxedRun.RequireLandlock();
        string outsideFile = _outside["written.txt"];
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_allowed.Path).Compile();

        var (_, output) = SandboxedRun.Shell(sandbox, $"echo in > {_allowed["written.txt"]}; echo out > {outsideFile}");

        Assert.Equal("in\n", File.ReadAllText(_allowed["written.txt"]));
        Assert.False(File.Exists(outsideFile));
        Assert.Contains("Permission denied", output);
    }

    [SkippableFact]
    public void Executing_a_program_outside_the_allowed_paths_is_refused_at_exec()
    {
        SandboxedRun.RequireLandlock();
        string copy = _outside["true"];
        File.Copy("/bin/true", copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowReadWrite(_allowed.Path).Compile();

        var error = Assert.Throws<SpawnException>(() => sandbox.Spawn(copy, ["true"]));

        Assert.Equal(Errno.EACCES, error.Errno);
        Assert.Equal(SpawnStage.Exec, error.Stage);
        using PidFd control = Spawner.PidFdSpawn(copy, null, null, ["true"], []);
        Assert.Equal(0, control.WaitForExit().ExitCode);
    }

    [SkippableFact]
    public void Connect_to_a_port_the_profile_does_not_allow_is_refused()
    {
        SandboxedRun.RequireLandlock(4);
        Skip.IfNot(File.Exists("/usr/bin/bash"), "bash (for /dev/tcp) is not installed");
        using var allowed = new TcpListener(IPAddress.Loopback, 0);
        using var refused = new TcpListener(IPAddress.Loopback, 0);
        allowed.Start();
        refused.Start();
        int allowedPort = ((IPEndPoint)allowed.LocalEndpoint).Port;
        int refusedPort = ((IPEndPoint)refused.LocalEndpoint).Port;
        using Sandbox sandbox = SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowTcpConnect((ushort)allowedPort).Compile();

        var (status, output) = SandboxedRun.Run(sandbox, "/usr/bin/bash", ["bash", "-c",
            $"echo hi > /dev/tcp/127.0.0.1/{allowedPort} && echo allowed-ok; echo hi > /dev/tcp/127.0.0.1/{refusedPort} && echo refused-ok"]);

        Assert.Contains("allowed-ok", output);
        Assert.DoesNotContain("refused-ok", output);
        Assert.Contains("Permission denied", output); // EACCES from connect
        Assert.Equal(1, status.ExitCode);
        allowed.AcceptTcpClient().Dispose();
    }

    [SkippableFact]
    public void Rights_above_the_abi_fail_in_required_mode_and_are_reported_in_drop_mode()
    {
        SandboxedRun.RequireLandlock(4);
        SandboxProfile Profile() => SandboxedRun.SystemReadOnly(new SandboxProfile()).AllowTcpConnect(80);

        // ABI 3 has no network rights: "required" (the default) refuses to pretend.
        var error = Assert.Throws<SandboxException>(() => Profile().Compile(landlockAbiCeiling: 3));
        Assert.Contains("Landlock ABI 3 cannot enforce", error.Message);
        Assert.Contains("ConnectTcp", error.Message);
        Assert.Contains("needs ABI 5", error.Message); // IoctlDevice, which every file system restriction handles

        var dropping = Profile();
        dropping.Unenforceable = UnenforceableRights.Drop;
        using Sandbox sandbox = dropping.Compile(landlockAbiCeiling: 3);
        Assert.Equal(3, sandbox.Landlock.Abi);
        Assert.Equal(LandlockNetworkAccess.BindTcp | LandlockNetworkAccess.ConnectTcp, sandbox.Landlock.DroppedNetwork);
        Assert.Equal(LandlockFileSystemAccess.IoctlDevice, sandbox.Landlock.DroppedFileSystem);
        Assert.Equal(LandlockNetworkAccess.None, sandbox.Landlock.Network);
        Assert.True(sandbox.Landlock.DroppedAny);
        Assert.Equal(0, SandboxedRun.Shell(sandbox, "true").Status.ExitCode);
    }

    [SkippableFact]
    public void A_path_the_parent_cannot_open_fails_compile_with_its_errno()
    {
        SandboxedRun.RequireLandlock();
        var error = Assert.Throws<SandboxException>(() => new SandboxProfile().AllowRead(_allowed["missing"]).Compile());
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("missing", error.Message);
    }
}
