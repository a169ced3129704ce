using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>
/// Hang-up, disposal and many sessions: nothing of a pair stays open in the child beyond its
/// standard descriptors or here, no child stays unreaped, no /dev/pts entry of ours remains.
/// </summary>
public sealed class TerminalLifetimeTests : ReactorAwareTest
{
    [SkippableFact]
    public async Task The_child_holds_the_terminal_only_on_its_standard_descriptors()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("ls", ["ls", "-l", "/proc/self/fd/"]);

        string output = await new TerminalTranscript(terminal).ReadToEndAsync();

        // Each line reads "... N -> target"; ls's own folder descriptor is the only other one.
        var targets = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains(" -> ", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf(' ', line.IndexOf(" -> ", StringComparison.Ordinal) - 1) + 1)..].Split(" -> "))
            .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => parts[1]);
        Assert.Equal(terminal.FollowerPath, targets[0]);
        Assert.Equal(terminal.FollowerPath, targets[1]);
        Assert.Equal(terminal.FollowerPath, targets[2]);
        Assert.DoesNotContain(targets.Where(pair => pair.Key > 2),
                              pair => pair.Value.StartsWith("/dev/pts", StringComparison.Ordinal) || pair.Value.Contains("ptmx", StringComparison.Ordinal));
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task After_spawn_this_process_holds_only_the_leader()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sleep", ["sleep", "100"]);

        Assert.Null(terminal.Follower);
        string[] ours = Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget ?? "")
            .Where(target => target == terminal.FollowerPath || target.Contains("ptmx", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["/dev/ptmx"], ours);

        terminal.SendInterrupt();
        await terminal.Process!.WaitForExitAsync();
    }

    [SkippableFact]
    public async Task Closing_the_leader_hangs_up_the_session_and_disposing_after_the_wait_reaps_nothing_twice()
    {
        TerminalTranscript.RequirePseudoTerminals();
        var terminal = Terminal.Spawn("sleep", ["sleep", "100"]);
        PidFd child = terminal.Process!;

        terminal.Leader.Dispose();
        ExitStatus status = await child.WaitForExitAsync().AsTask().WaitAsync(TerminalTranscript.Patience);
        terminal.Dispose();
        terminal.Dispose();

        Assert.Equal(Signals.SIGHUP, status.Signal);
        Assert.Equal(status, child.WaitForExit()); // the remembered status: no second waitid
    }

    [SkippableFact]
    public async Task Closing_the_leader_while_a_read_waits_ends_the_read_and_still_hangs_up_the_session()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var terminal = Terminal.Spawn("sleep", ["sleep", "100"]);
        ValueTask<int> pending = terminal.Leader.ReadAsync(new byte[16]);
        Assert.False(pending.IsCompleted);

        // The waiting read holds a reference on the leader; the close must not wait for it.
        terminal.Leader.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending);
        ExitStatus status = await terminal.Process!.WaitForExitAsync().AsTask().WaitAsync(TerminalTranscript.Patience);
        Assert.Equal(Signals.SIGHUP, status.Signal);
    }

    [SkippableFact]
    public void Disposing_a_terminal_with_a_running_child_hangs_it_up_and_leaves_no_zombie()
    {
        TerminalTranscript.RequirePseudoTerminals();
        var terminal = Terminal.Spawn("sleep", ["sleep", "100"]);

        terminal.Dispose();

        // The leak check after the test waits for the reaper and fails on a remaining child.
        Assert.True(terminal.Process!.IsClosed);
    }

    [SkippableFact]
    public async Task Many_sessions_in_a_row_leave_descriptors_children_and_pts_entries_as_they_were()
    {
        TerminalTranscript.RequirePseudoTerminals();
        int sessions = int.TryParse(Environment.GetEnvironmentVariable("SPAWN_TERMINAL_SESSIONS"), NumberStyles.None,
                                    CultureInfo.InvariantCulture, out int count) && count > 0 ? count : 200;
        var used = new HashSet<string>();
        for (int i = 0; i < sessions; i++)
        {
            using var terminal = Terminal.Spawn("/bin/true", ["true"]);
            used.Add(terminal.FollowerPath);
            await new TerminalTranscript(terminal).ReadToEndAsync();
            Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
        }

        // Other processes on the machine may open terminals meanwhile; ours must all be gone. A
        // number is reused at once by the next pair, so the check holds for every one at the end.
        Assert.DoesNotContain(used, path => File.Exists(path) && HeldByUs(path));
    }

    private static bool HeldByUs(string path) =>
        Directory.GetFiles("/proc/self/fd").Any(fd => new FileInfo(fd).LinkTarget == path);
}
