using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Spawn.Runtime.Tests.Terminals;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn6.c</c>: the tcsetpgrp action on a pseudo-terminal. glibc's
/// test makes the terminal its own controlling one in a forked child; a test host must not change
/// its session, so here the spawned child does it: SETSID runs before the file actions, so opening
/// the terminal (without O_NOCTTY) makes it the new session's controlling terminal, and tcsetpgrp
/// on it succeeds. On a terminal that is not the controlling one the action fails with ENOTTY.
/// </summary>
public sealed class TcSetPgrpTests : LeakCheckedTest
{
    [SkippableFact]
    public void TcSetPgrp_on_a_terminal_that_is_not_the_controlling_one_fails_with_ENOTTY()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Open(); // its follower is open O_NOCTTY: no one's controlling terminal
        using var attributes = new SpawnAttributes { NewSession = true };

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(
            ProbeProgram.Path, new SpawnFileActions().AddTcSetPgrp(terminal.Follower!.Fd()), attributes, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.ENOTTY, exception.Errno);
        Assert.Equal(0, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.TcSetPgrp, exception.ActionKind);
    }

    [SkippableFact]
    public void TcSetPgrp_on_the_controlling_terminal_makes_the_childs_group_the_foreground()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Open();
        using var attributes = new SpawnAttributes { NewSession = true };
        var actions = new SpawnFileActions()
            .AddOpen(0, terminal.FollowerPath, OpenFlags.O_RDWR, 0)
            .AddTcSetPgrp(0);

        ProbeReport report = ProbeChild.RunToSuccess(actions, attributes, "ids", "tty");

        Assert.Equal(report.Number("pgid"), report.Number("tty-pgrp"));
    }

    [SkippableFact]
    public void A_later_close_of_the_terminal_descriptor_keeps_the_foreground_group()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Open();
        using var attributes = new SpawnAttributes { NewSession = true };
        var actions = new SpawnFileActions()
            .AddOpen(7, terminal.FollowerPath, OpenFlags.O_RDWR, 0)
            .AddTcSetPgrp(7)
            .AddClose(7);

        ProbeReport report = ProbeChild.RunToSuccess(actions, attributes, "fd", "7", "ids", "tty");

        Assert.Equal("closed", report.ForFd("fd", 7));
        Assert.Equal(report.Number("pgid"), report.Number("tty-pgrp"));
    }
}
