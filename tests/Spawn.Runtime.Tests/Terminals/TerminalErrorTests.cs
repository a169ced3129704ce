using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>Bad input gives a clear error and leaves nothing behind (the leak check counts).</summary>
public sealed class TerminalErrorTests : ReactorAwareTest
{
    [SkippableTheory]
    [InlineData(0, 80, "Rows")]
    [InlineData(-1, 80, "Rows")]
    [InlineData(24, 0, "Columns")]
    [InlineData(24, -5, "Columns")]
    [InlineData(70000, 80, "Rows")]
    public void A_zero_negative_or_too_large_window_size_is_refused_before_anything_opens(int rows, int columns, string which)
    {
        TerminalTranscript.RequirePseudoTerminals();
        var options = new TerminalOptions { Size = new TerminalSize(rows, columns) };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Terminal.Spawn("true", ["true"], options));

        Assert.Equal(which, exception.ParamName);
    }

    [SkippableFact]
    public void A_resize_to_a_zero_size_is_refused_and_keeps_the_old_size()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Open(new TerminalOptions { Size = new TerminalSize(10, 20) });

        Assert.Throws<ArgumentOutOfRangeException>(() => terminal.Resize(new TerminalSize(0, 0)));

        Assert.Equal(new TerminalSize(10, 20), terminal.Size);
    }

    [SkippableFact]
    public void A_step_list_that_closes_the_follower_before_the_terminal_step_fails_with_EBADF_naming_the_step()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Open();
        int follower = (int)terminal.Follower!.DangerousGetHandle();
        var actions = new SpawnFileActions().AddClose(follower).AddControllingTerminal(follower);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawnP("true", actions, null, ["true"], null));

        Assert.Equal(Errno.EBADF, exception.Errno);
        Assert.Equal(1, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.ControllingTerminal, exception.ActionKind);
        Assert.Contains("file action 1 (controlling terminal)", exception.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_descriptor_that_is_no_terminal_fails_the_step_with_ENOTTY()
    {
        using var devNull = LibC.OpenOwned("/dev/null", OpenFlags.O_RDWR | OpenFlags.O_CLOEXEC);
        var actions = new SpawnFileActions().AddControllingTerminal((int)devNull.DangerousGetHandle());

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawnP("true", actions, null, ["true"], null));

        Assert.Equal(Errno.ENOTTY, exception.Errno);
        Assert.Equal(SpawnFileActionKind.ControllingTerminal, exception.ActionKind);
    }

    [SkippableFact]
    public void A_child_leading_a_process_group_cannot_start_the_session_EPERM()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var attributes = new SpawnAttributes { ProcessGroup = 0 };

        var exception = Assert.Throws<SpawnException>(() => Terminal.Spawn("true", ["true"], attributes: attributes));

        Assert.Equal(Errno.EPERM, exception.Errno);
        Assert.Equal(0, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.ControllingTerminal, exception.ActionKind);
    }

    [SkippableFact]
    public void A_missing_program_throws_the_exec_error_and_closes_the_pair()
    {
        TerminalTranscript.RequirePseudoTerminals();

        var exception = Assert.Throws<SpawnException>(() => Terminal.Spawn("/nonexistent/program", ["program"]));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(SpawnStage.Exec, exception.Stage);
    }

    [SkippableFact]
    public void A_disposed_terminal_refuses_every_operation_with_ObjectDisposedException()
    {
        TerminalTranscript.RequirePseudoTerminals();
        var terminal = Terminal.Open();
        terminal.Dispose();

        Assert.Throws<ObjectDisposedException>(() => terminal.Resize(new TerminalSize(10, 10)));
        Assert.Throws<ObjectDisposedException>(() => terminal.Size);
        Assert.Throws<ObjectDisposedException>(() => terminal.Echo = false);
        Assert.Throws<ObjectDisposedException>(() => terminal.Raw);
        Assert.Throws<ObjectDisposedException>(terminal.SendInterrupt);
        Assert.Throws<ObjectDisposedException>(() => terminal.Leader.Read(new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => terminal.Leader.WriteAsync(new byte[1]).AsTask().GetAwaiter().GetResult());
        Assert.Null(terminal.Follower);
    }
}
