using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Sandboxing;

namespace Spawn.Runtime.Tests.Sandboxing;

/// <summary>The capabilities step: a root child keeps only what the profile names.</summary>
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
