using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-posix_spawn-setsid.c</c> (and the process-group checks of
/// <c>tst-spawn6.c</c>): SETSID makes the child a session and group leader, SETPGROUP puts it in
/// its own or a given group, and without either it stays in the parent's session and group.
/// </summary>
public sealed class SessionAndGroupTests : LeakCheckedTest
{
    [Fact]
    public void Without_attributes_the_child_shares_the_parents_session_and_group()
    {
        ProbeReport ids = ProbeChild.RunToSuccess(null, null, "ids");

        Assert.Equal(LibC.GetSid(0), ids.Number("sid"));
        Assert.Equal(LibC.GetPgrp(), ids.Number("pgid"));
    }

    [Fact]
    public void SetSid_makes_the_child_leader_of_a_new_session_and_group()
    {
        using var attributes = new SpawnAttributes { NewSession = true };

        ProbeReport ids = ProbeChild.RunToSuccess(null, attributes, "ids");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetSid));
        Assert.Equal(ids.Number("pid"), ids.Number("sid"));
        Assert.Equal(ids.Number("pid"), ids.Number("pgid"));
    }

    [Fact]
    public void SetPGroup_zero_makes_the_child_leader_of_its_own_group_in_the_parents_session()
    {
        using var attributes = new SpawnAttributes { ProcessGroup = 0 };

        ProbeReport ids = ProbeChild.RunToSuccess(null, attributes, "ids");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetProcessGroup));
        Assert.Equal(ids.Number("pid"), ids.Number("pgid"));
        Assert.Equal(LibC.GetSid(0), ids.Number("sid"));
    }

    [Fact]
    public void SetPGroup_puts_the_child_into_an_existing_group()
    {
        using var leaderAttributes = new SpawnAttributes { ProcessGroup = 0 };
        using PidFd leader = Spawner.PidFdSpawn(ProbeProgram.Path, null, leaderAttributes, ProbeProgram.Argv("sleep", "10000"), null);
        try
        {
            using var memberAttributes = new SpawnAttributes { ProcessGroup = leader.Pid };

            ProbeReport member = ProbeChild.RunToSuccess(null, memberAttributes, "ids");

            Assert.Equal(leader.Pid, member.Number("pgid"));
        }
        finally
        {
            leader.SendSignal(Signals.SIGKILL);
            leader.WaitForExit();
        }
    }

    [Fact]
    public void SetSid_then_a_group_of_another_session_fails_with_EPERM_at_the_group_stage()
    {
        using var leaderAttributes = new SpawnAttributes { ProcessGroup = 0 };
        using PidFd leader = Spawner.PidFdSpawn(ProbeProgram.Path, null, leaderAttributes, ProbeProgram.Argv("sleep", "10000"), null);
        try
        {
            using var attributes = new SpawnAttributes { NewSession = true, ProcessGroup = leader.Pid };

            var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv(), null));

            Assert.Equal(Errno.EPERM, exception.Errno);
            Assert.Equal(SpawnStage.ProcessGroup, exception.Stage);
        }
        finally
        {
            leader.SendSignal(Signals.SIGKILL);
            leader.WaitForExit();
        }
    }
}
