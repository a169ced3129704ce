using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

public sealed class PidFdInfoTests : ReactorAwareTest
{
    [Fact]
    public void GetInfo_of_a_running_child_names_it_its_parent_and_its_credentials()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn();
        PidFdProcessInfo info = child.GetInfo();
        gate.Release();
        child.WaitForExit();

        Assert.Equal(child.Pid, info.Pid);
        Assert.Equal(child.Pid, info.ThreadGroupId);
        Assert.Equal(Environment.ProcessId, info.ParentPid);
        Assert.True(info.HasCredentials);
        Assert.Equal(LibC.GetUid(), info.UserId);
        Assert.Equal(LibC.GetUid(), info.EffectiveUserId);
        Assert.Null(info.ExitStatus);
    }

    [SkippableFact]
    public void GetInfo_gives_the_same_cgroup_id_to_children_of_one_cgroup_and_another_to_those_of_another()
    {
        using var first = TestCgroup.Create("info-a");
        using var second = TestCgroup.Create("info-b");
        using var a = Cgroup.Open(first.Path);
        using var b = Cgroup.Open(second.Path);
        using var gate = new StdinGate();
        using var inA1 = SpawnInto(a, gate);
        using var inA2 = SpawnInto(a, gate);
        using var inB = SpawnInto(b, gate);
        ulong? idA1 = inA1.GetInfo().CgroupId, idA2 = inA2.GetInfo().CgroupId, idB = inB.GetInfo().CgroupId;
        gate.Release();
        inA1.WaitForExit();
        inA2.WaitForExit();
        inB.WaitForExit();

        Skip.If(idA1 is null, "the kernel gives no cgroup id (PIDFD_INFO_CGROUPID)");
        Assert.Equal(idA1, idA2);
        Assert.NotEqual(idA1, idB);
    }

    [SkippableFact]
    public void GetInfo_after_the_reap_gives_the_exit_status()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "12");
        gate.Release();
        Assert.Equal(12, child.WaitForExit().ExitCode);
        PidFdProcessInfo info = child.GetInfo();
        Skip.If(info.ExitStatus is null, "the kernel keeps no exit status after a reap (PIDFD_INFO_EXIT is Linux 6.15+)");
        Assert.Equal(12, info.ExitStatus!.Value.ExitCode);
        Assert.Equal(0, info.Pid);
    }

    private static PidFd SpawnInto(Cgroup cgroup, StdinGate gate)
    {
        using var attributes = new SpawnAttributes { Cgroup = cgroup.Handle };
        return gate.Spawn(attributes);
    }
}
