using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Runtime.Tests.Terminals;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// An ignored signal stays ignored across exec, and a program started as a shell's background job
/// (or under <c>nohup</c>) ignores SIGINT and SIGQUIT (or SIGHUP): a child that inherited that would
/// not stop at ^C on its terminal, nor at a stop policy's SIGINT. The terminal step and the stop
/// policy put those signals back to their defaults in the child; without that, each test here fails.
/// </summary>
public sealed class IgnoredParentSignalTests : ReactorAwareTest
{
    [SkippableFact]
    public async Task A_terminal_child_of_a_parent_ignoring_SIGINT_stops_at_the_interrupt_character()
    {
        TerminalTranscript.RequirePseudoTerminals();
        Terminal terminal;
        using (new IgnoredSignal(Signals.SIGINT))
            terminal = Terminal.Spawn("sleep", ["sleep", "100"]);
        using (terminal)
        {
            terminal.SendInterrupt();
            ExitStatus status = await terminal.Process!.WaitForExitAsync().AsTask().WaitAsync(TerminalTranscript.Patience);

            Assert.Equal(Signals.SIGINT, status.Signal);
        }
    }

    [Fact]
    public async Task A_stop_signal_the_parent_ignores_still_reaches_the_child()
    {
        var command = new Command("sleep", "100")
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            Stop = new StopPolicy { Signal = Signals.SIGINT, GracePeriod = TimeSpan.FromSeconds(30) },
        };

        JobStoppedException error;
        using (new IgnoredSignal(Signals.SIGINT))
            error = await Assert.ThrowsAsync<JobStoppedException>(() => command.RunAsync());

        Assert.False(error.Result.Killed);
        Assert.Equal(Signals.SIGINT, error.Result.Status.Signal);
    }
}
