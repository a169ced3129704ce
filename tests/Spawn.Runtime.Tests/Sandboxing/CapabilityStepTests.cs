using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>
/// The capabilities step: a root child keeps only what the profile names; a non-root child
/// (<see cref="SandboxProfile.RunAs"/>) keeps it too, through the ambient set. For a root child exec
/// rebuilds the permitted and effective sets from the bounding set, so only CapBnd shows the step;
/// for a non-root child every set comes from what the step's capset left (inheritable and
/// permitted, raised as ambient after the change of user).
/// </summary>
public sealed class CapabilityStepTests : LeakCheckedTest
{
    [SkippableFact]
    public void The_bounding_and_effective_sets_are_the_ones_asked_for()
    {
        Skip.If(LibC.GetEUid() != 0, "the sets of a root child are what is checked");
        using Sandbox sandbox = new SandboxProfile().KeepCapabilities(Capability.NetBindService, Capability.Kill).Compile();

        var (_, output) = SandboxedRun.Shell(sandbox, "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status");

        const string Expected = "0000000000000420"; // bits 5 (CAP_KILL) and 10 (CAP_NET_BIND_SERVICE)
        Assert.Contains($"CapBnd:\t{Expected}", output);
        Assert.Contains($"CapEff:\t{Expected}", output);
        Assert.Contains($"CapPrm:\t{Expected}", output);
        Assert.Contains("CapInh:\t0000000000000000", output);
        Assert.Contains("CapAmb:\t0000000000000000", output);
    }

    [SkippableFact]
    public void A_non_root_child_keeps_the_named_capability_through_the_ambient_set()
    {
        Skip.If(LibC.GetEUid() != 0, "changing to another user needs root");
        var profile = new SandboxProfile { RunAs = (65534, 65534) }.KeepCapabilities(Capability.NetBindService);
        using Sandbox sandbox = profile.Compile();

        var (status, output) = SandboxedRun.Shell(sandbox, "grep -E '^(Uid|Cap(Inh|Prm|Eff|Bnd|Amb))' /proc/self/status");

        Assert.True(status.ExitCode == 0, output);
        const string Expected = "0000000000000400"; // bit 10 (CAP_NET_BIND_SERVICE); CAP_SETUID and CAP_SETGID gone
        Assert.Contains("Uid:\t65534\t65534\t65534\t65534", output);
        Assert.Contains($"CapInh:\t{Expected}", output);
        Assert.Contains($"CapPrm:\t{Expected}", output);
        Assert.Contains($"CapEff:\t{Expected}", output);
        Assert.Contains($"CapBnd:\t{Expected}", output);
        Assert.Contains($"CapAmb:\t{Expected}", output);
    }

    [SkippableFact]
    public void A_non_root_child_with_the_kept_capability_binds_a_privileged_port()
    {
        Skip.If(LibC.GetEUid() != 0, "changing to another user needs root");
        Skip.IfNot(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed");
        const string UnprivilegedStart = "/proc/sys/net/ipv4/ip_unprivileged_port_start";
        Skip.If(File.Exists(UnprivilegedStart) && int.Parse(File.ReadAllText(UnprivilegedStart).Trim(), CultureInfo.InvariantCulture) <= 1023,
                "port 1023 needs no capability here (ip_unprivileged_port_start is lowered, as container runtimes do)");
        const string Script = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 1023)); print('bound')";
        using Sandbox with = new SandboxProfile { RunAs = (65534, 65534) }.KeepCapabilities(Capability.NetBindService).Compile();
        using Sandbox without = new SandboxProfile { RunAs = (65534, 65534) }.KeepCapabilities().Compile();

        var (status, output) = SandboxedRun.Run(with, "/usr/bin/python3", ["python3", "-c", Script]);
        var (controlStatus, controlOutput) = SandboxedRun.Run(without, "/usr/bin/python3", ["python3", "-c", Script]);

        Assert.True(status.ExitCode == 0, output);
        Assert.Contains("bound", output);
        Assert.NotEqual(0, controlStatus.ExitCode);
        Assert.Contains("PermissionError", controlOutput); // EACCES: a port below 1024 needs CAP_NET_BIND_SERVICE
    }

    [SkippableFact]
    public void A_root_child_without_cap_net_raw_cannot_open_a_raw_socket()
    {
        Skip.If(LibC.GetEUid() != 0, "a raw socket needs root (CAP_NET_RAW) in the control run");
        Skip.IfNot(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed");
        const string Script = "import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); print('raw-ok')";
        using Sandbox without = new SandboxProfile().KeepCapabilities(Capability.NetBindService).Compile();
        using Sandbox with = new SandboxProfile().KeepCapabilities(Capability.NetRaw).Compile();

        var (status, output) = SandboxedRun.Run(without, "/usr/bin/python3", ["python3", "-c", Script]);
        var (_, controlOutput) = SandboxedRun.Run(with, "/usr/bin/python3", ["python3", "-c", Script]);

        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("PermissionError", output); // EPERM
        Assert.Contains("raw-ok", controlOutput);
    }
}
