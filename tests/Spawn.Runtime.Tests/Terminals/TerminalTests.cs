using System.Text.RegularExpressions;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Streams;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>
/// Programs on real pseudo-terminals: the follower is their controlling terminal and their standard
/// descriptors, the size and modes reach them, the control characters do what a keyboard's would.
/// Every test is leak-checked: no descriptor of the pair stays open here and no child remains.
/// </summary>
public sealed partial class TerminalTests : ReactorAwareTest
{
    [SkippableFact]
    public async Task Tty_prints_the_follower_path()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("tty", ["tty"]);
        var transcript = new TerminalTranscript(terminal);

        string output = await transcript.ReadToEndAsync();

        Assert.Matches("^/dev/pts/[0-9]+$", terminal.FollowerPath);
        Assert.Equal(terminal.FollowerPath + "\r\n", output);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task Stdin_stdout_and_stderr_are_the_terminal()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "test -t 0 -a -t 1 -a -t 2"]);

        await new TerminalTranscript(terminal).ReadToEndAsync();

        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task The_terminal_is_the_controlling_terminal_of_a_new_session_led_by_the_child()
    {
        TerminalTranscript.RequirePseudoTerminals();
        // /dev/tty opens the controlling terminal; ps -o sid,tty names the session and its terminal.
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "echo \"$$ $(ps -o sid= -p $$)\" > /dev/tty"]);

        string output = await new TerminalTranscript(terminal).ReadToEndAsync();

        string[] ids = output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(terminal.Process!.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), ids[0]);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(0, (await terminal.Process.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task A_subset_of_the_standard_descriptors_gets_the_terminal_and_stderr_can_stay_a_pipe()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var pipes = StandardPipes.Create(StandardStreams.Error);
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "test -t 0 -a -t 1 && ! test -t 2 && echo on-pipe >&2"],
                                            new TerminalOptions { Streams = StandardStreams.Input | StandardStreams.Output },
                                            pipes.AddTo(null));
        pipes.CloseChildEnds();

        using var reader = new StreamReader(pipes.Error!);
        Assert.Equal("on-pipe\n", await reader.ReadToEndAsync().WaitAsync(TerminalTranscript.Patience));
        await new TerminalTranscript(terminal).ReadToEndAsync();
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task Stty_size_prints_the_requested_size_and_the_new_one_after_a_resize()
    {
        TerminalTranscript.RequirePseudoTerminals();
        var options = new TerminalOptions { Size = new TerminalSize(31, 117) };
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "stty size; read line; stty size"], options);
        var transcript = new TerminalTranscript(terminal);

        await transcript.WaitForAsync("31 117\r\n");
        terminal.Resize(new TerminalSize(50, 160));
        Assert.Equal(new TerminalSize(50, 160), terminal.Size);
        terminal.Leader.Write("\n"u8);
        string output = await transcript.ReadToEndAsync();

        Assert.EndsWith("50 160\r\n", output, StringComparison.Ordinal);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task A_resize_sends_SIGWINCH_that_a_trap_in_sh_sees()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "trap 'echo winch $(stty size); exit 0' WINCH; echo ready; while :; do sleep 0.05; done"]);
        var transcript = new TerminalTranscript(terminal);

        await transcript.WaitForAsync("ready");
        terminal.Resize(new TerminalSize(40, 100));
        string output = await transcript.ReadToEndAsync();

        Assert.Contains("winch 40 100", output, StringComparison.Ordinal);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task The_interrupt_character_kills_a_foreground_sleep_with_SIGINT()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sleep", ["sleep", "100"]);

        terminal.SendInterrupt();
        ExitStatus status = await terminal.Process!.WaitForExitAsync().AsTask().WaitAsync(TerminalTranscript.Patience);

        Assert.Equal(Signals.SIGINT, status.Signal);
    }

    [SkippableFact]
    public async Task The_end_of_file_character_ends_cat()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("cat", ["cat"]);
        var transcript = new TerminalTranscript(terminal);

        terminal.Leader.Write("line\n"u8);
        await transcript.WaitForAsync("line\r\nline\r\n"); // the echo, then cat's copy
        terminal.SendEndOfFile();
        await transcript.ReadToEndAsync();

        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task Stty_minus_echo_in_the_child_stops_the_echo_the_leader_reads()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "stty -echo; echo off; read line; echo \"got $line\"; read line"]);
        var transcript = new TerminalTranscript(terminal);

        await transcript.WaitForAsync("off\r\n");
        Assert.False(terminal.Echo);
        terminal.Leader.Write("secret\n"u8);
        await transcript.WaitForAsync("got secret\r\n");
        terminal.Echo = true;
        terminal.Leader.Write("visible\n"u8);
        string output = await transcript.ReadToEndAsync();

        Assert.Single(Regex.Matches(output, "secret"));
        Assert.EndsWith("visible\r\n", output, StringComparison.Ordinal);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task Echo_off_from_the_leader_side_and_raw_mode_reach_the_child()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "stty -a; read line"], new TerminalOptions { Echo = false, Raw = true });
        var transcript = new TerminalTranscript(terminal);

        await transcript.WaitForAsync("-icanon");
        Assert.True(terminal.Raw);
        terminal.Raw = false; // so that read gets its line
        terminal.Leader.Write("x\n"u8);
        string output = await transcript.ReadToEndAsync();

        Assert.Contains("-echo ", output, StringComparison.Ordinal);
        Assert.Contains("-isig", output, StringComparison.Ordinal);
        Assert.False(terminal.Echo);
        Assert.False(terminal.Raw);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }
}
