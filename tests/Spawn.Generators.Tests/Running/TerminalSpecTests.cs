using System.Globalization;
using System.Text;
using Spawn.Cgroups;
using Spawn.LowLevel;
using Spawn.Specs.Support;
using Spawn.Terminals;
using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// Generated [Terminal] specs on real pseudo-terminals: what the child sees, what the parent keeps
/// (the leader only), what a failed spawn leaves (nothing), and what a call allocates (the terminal only).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class TerminalSpecTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A PidFd on a 64-bit runtime, as the README documents it for a PidFd return.
    private const long DocumentedPidFdSize = 56;

    [SkippableFact]
    public async Task The_child_runs_on_a_terminal_of_the_requested_size()
    {
        RequirePseudoTerminals();
        Resources before = Resources.Capture();
        string text;
        string follower;
        using (PidFd child = TerminalSpecs.ShowTerminal(out Terminal terminal))
        using (terminal)
        {
            follower = terminal.FollowerPath;
            Assert.Null(terminal.Follower);
            Assert.Null(terminal.Process);
            Assert.Equal(new TerminalSize(33, 111), terminal.Size);
            // The parent holds the leader (/dev/ptmx) and nothing of the follower.
            Assert.DoesNotContain(Resources.Capture().Descriptors.Values, target => target == follower);
            text = await ReadToEndThenExitAsync(child, terminal);
        }

        Assert.Matches(@"^/dev/pts/\d+$", follower);
        Assert.Equal(follower + "\r\n33 111\r\nall-three\r\n", text);
        Assert.Empty(Resources.Capture().AdditionsTo(before));
    }

    [SkippableFact]
    public async Task The_modes_of_the_attribute_are_the_terminal_s()
    {
        RequirePseudoTerminals();
        using PidFd child = TerminalSpecs.ShowRawModes(out Terminal terminal);
        using (terminal)
        {
            Assert.True(terminal.Raw);
            Assert.False(terminal.Echo);
            string text = await ReadToEndThenExitAsync(child, terminal);

            // stty -a names each flag, with a '-' when it is off; raw output has no CR before NL.
            string[] flags = text.Split([' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("-echo", flags);
            Assert.Contains("-icanon", flags);
            Assert.Contains("-isig", flags);
            Assert.DoesNotContain('\r', text);
        }
    }

    [SkippableFact]
    public void A_thousand_terminal_spawns_leave_descriptors_children_and_dev_pts_as_they_were()
    {
        RequirePseudoTerminals();
        Reap(TerminalSpecs.StartTrue(out Terminal warm));
        warm.Dispose();
        Resources before = Resources.Capture();

        for (int i = 0; i < 1000; i++)
        {
            using PidFd child = TerminalSpecs.StartTrueChild(out Terminal terminal);
            using (terminal)
            {
                Assert.Equal(0, child.WaitForExit().ExitCode);
            }
        }

        Assert.Empty(Resources.Capture().AdditionsTo(before));
    }

    [SkippableFact]
    public async Task The_child_holds_the_terminal_on_0_1_and_2_and_no_other_descriptor_of_the_pair()
    {
        RequirePseudoTerminals();
        using PidFd child = TerminalSpecs.ListShellDescriptors(out Terminal terminal);
        using (terminal)
        {
            string text = await ReadToEndThenExitAsync(child, terminal);
            output.WriteLine(text);

            // Descriptors the test host opened without close-on-exec reach every child; only the pair's matter here.
            Dictionary<int, string> terminals = [];
            foreach (string line in text.Split("\r\n"))
            {
                int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                string target = arrow > 0 ? line[(arrow + 4)..] : string.Empty;
                if (target.StartsWith("/dev/pts/", StringComparison.Ordinal) || target == "/dev/ptmx")
                {
                    terminals[int.Parse(line[..arrow].Split(' ')[^1], CultureInfo.InvariantCulture)] = target;
                }
            }

            Assert.Equal([0, 1, 2], terminals.Keys.Order());
            Assert.All(terminals.Values, target => Assert.Equal(terminal.FollowerPath, target));
        }
    }

    [SkippableFact]
    public async Task A_standard_stream_redirection_wins_over_the_terminal()
    {
        RequirePseudoTerminals();
        ValueTask<ExitStatus> exit = TerminalSpecs.SplitStandardErrorAsync(out Terminal terminal, out Stream stderr);
        using (terminal)
        using (stderr)
        {
            Task<string> errors = new StreamReader(stderr, Encoding.UTF8).ReadToEndAsync();
            string text = await ReadToEndAsync(terminal);

            Assert.Equal(0, (await exit).ExitCode);
            Assert.Equal("on-the-terminal\r\n", text);
            Assert.Equal("on-the-pipe\n", await errors);
        }
    }

    // Synchronous on purpose: the parent-death signal follows the spawning thread, which must outlive
    // the child, and an await could move this test to a pool thread that may retire meanwhile.
    [SkippableFact]
    public void The_terminal_combines_with_a_cgroup_credentials_and_the_parent_death_signal()
    {
        RequirePseudoTerminals();
        Skip.IfNot(Environment.IsPrivilegedProcess, "setgroups, setresgid and setresuid to nobody need root");
        string name = "spawn-generator-terminal-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        using Cgroup? scope = ConstantCgroupTests.TryCreateChildOfCurrent(name, out string? reason);
        Skip.If(scope is null, reason);
        try
        {
            using PidFd child = TerminalSpecs.RunAsNobodyInCgroup(scope, out Terminal terminal);
            using (terminal)
            {
                string text = ReadToEnd(terminal);
                ExitStatus status = child.WaitForExit();
                output.WriteLine($"{status}: {text}");
                Assert.Equal(0, status.ExitCode);

                string[] lines = text.Split("\r\n");
                Assert.Equal("65534", lines[0]);
                Assert.Contains(lines, line => line.StartsWith("0::", StringComparison.Ordinal) && line.EndsWith("/" + name, StringComparison.Ordinal));
                Assert.Contains("all-three", lines);
            }
        }
        finally
        {
            scope.Delete();
        }
    }

    [SkippableFact]
    public void A_failing_step_after_the_terminal_step_names_itself_and_leaves_nothing()
    {
        RequirePseudoTerminals();
        Resources before = Resources.Capture();

        SpawnException error = Assert.Throws<SpawnException>(() => TerminalSpecs.FailAfterTheTerminalStep(out _));

        output.WriteLine(error.Message);
        Assert.Equal(SpawnStage.FileAction, error.Stage);
        Assert.Equal(1, error.ActionIndex); // the terminal step is action 0
        Assert.Equal(SpawnFileActionKind.Chdir, error.ActionKind);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Empty(Resources.Capture().AdditionsTo(before));
    }

    [SkippableFact]
    public void A_failing_exec_leaves_no_descriptor_of_the_pair_and_no_child()
    {
        RequirePseudoTerminals();
        Resources before = Resources.Capture();

        SpawnException error = Assert.Throws<SpawnException>(() => TerminalSpecs.RunMissingProgram(out _));

        Assert.Equal(SpawnStage.Exec, error.Stage);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Empty(Resources.Capture().AdditionsTo(before));
    }

    [SkippableFact]
    public void A_terminal_spec_allocates_the_terminal_and_nothing_else()
    {
        RequirePseudoTerminals();
        for (int i = 0; i < 3; i++)
        {
            Reap(TerminalSpecs.StartTrue(out Terminal warm));
            warm.Dispose();
            using PidFd warmChild = TerminalSpecs.StartTrueChild(out Terminal warmTerminal);
            warmChild.WaitForExit();
            warmTerminal.Dispose();
        }

        // What a terminal is made of, measured on its own: the pair opened as bare descriptors (no
        // allocation), then wrapped (the Terminal, its stream, the leader's handle, the follower's path).
        long start = GC.GetAllocatedBytesForCurrentThread();
        SpecTerminal.Open(24, 80, echo: true, raw: false, out int leaderFd, out int followerFd, out uint number);
        long opened = GC.GetAllocatedBytesForCurrentThread();
        SpawnCore.Close(followerFd);
        long beforeAttach = GC.GetAllocatedBytesForCurrentThread();
        Terminal alone = SpecTerminal.Attach(leaderFd, number);
        long terminalSize = GC.GetAllocatedBytesForCurrentThread() - beforeAttach;
        alone.Dispose();

        long beforePid = GC.GetAllocatedBytesForCurrentThread();
        int pid = TerminalSpecs.StartTrue(out Terminal terminal);
        long pidReturn = GC.GetAllocatedBytesForCurrentThread() - beforePid;
        long beforePidFd = GC.GetAllocatedBytesForCurrentThread();
        PidFd child = TerminalSpecs.StartTrueChild(out Terminal childTerminal);
        long pidFdReturn = GC.GetAllocatedBytesForCurrentThread() - beforePidFd;
        Reap(pid);
        terminal.Dispose();
        using (child)
        {
            child.WaitForExit();
        }

        childTerminal.Dispose();

        output.WriteLine($"a Terminal: {terminalSize} bytes; int return with [Terminal]: {pidReturn} bytes; PidFd return with [Terminal]: {pidFdReturn} bytes");
        Assert.Equal(0, opened - start);
        Assert.Equal(terminalSize, pidReturn);
        Assert.Equal(terminalSize + DocumentedPidFdSize, pidFdReturn);
    }

    private static void RequirePseudoTerminals() =>
        Skip.IfNot(File.Exists("/dev/ptmx"), "no /dev/ptmx: this machine has no pseudo-terminals (devpts)");

    // Everything the child wrote: the leader reads 0 once every follower descriptor is closed.
    private static async Task<string> ReadToEndAsync(Terminal terminal)
    {
        using CancellationTokenSource patience = new(Patience);
        using MemoryStream text = new();
        byte[] buffer = new byte[4096];
        int count;
        while ((count = await terminal.Leader.ReadAsync(buffer, patience.Token)) > 0)
        {
            text.Write(buffer, 0, count);
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    // What the child wrote, once it exited with 0.
    private static async Task<string> ReadToEndThenExitAsync(PidFd child, Terminal terminal)
    {
        string text = await ReadToEndAsync(terminal);
        Assert.Equal(0, (await child.WaitForExitAsync()).ExitCode);
        return text;
    }

    private static string ReadToEnd(Terminal terminal)
    {
        using MemoryStream text = new();
        terminal.Leader.CopyTo(text);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static void Reap(int pid)
    {
        using PidFd child = PidFd.Open(pid);
        child.WaitForExit();
    }

    /// <summary>This process's descriptors (number => target), children (from <c>/proc/self/task/*/children</c>) and <c>/dev/pts</c> entries.</summary>
    private sealed record Resources(Dictionary<int, string> Descriptors, HashSet<int> Children, HashSet<string> Terminals)
    {
        public static Resources Capture()
        {
            Dictionary<int, string> descriptors = [];
            foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
            {
                // The folder's own descriptor is closed again by now: no target.
                if (new FileInfo(entry).LinkTarget is { } target)
                {
                    descriptors[int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture)] = target;
                }
            }

            HashSet<int> children = [];
            foreach (string task in Directory.GetDirectories("/proc/self/task"))
            {
                string list = File.Exists(Path.Combine(task, "children")) ? TryRead(Path.Combine(task, "children")) : string.Empty;
                foreach (string pid in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(pid, CultureInfo.InvariantCulture));
                }
            }

            return new Resources(descriptors, children, [.. Directory.GetFileSystemEntries("/dev/pts")]);
        }

        public List<string> AdditionsTo(Resources before)
        {
            List<string> additions = [];
            additions.AddRange(Descriptors.Where(pair => !before.Descriptors.TryGetValue(pair.Key, out string? was) || was != pair.Value).Select(pair => $"descriptor {pair.Key} -> {pair.Value}"));
            additions.AddRange(Children.Where(pid => !before.Children.Contains(pid)).Select(pid => $"child {pid}"));
            additions.AddRange(Terminals.Where(path => !before.Terminals.Contains(path)).Select(path => "terminal " + path));
            return additions;
        }

        private static string TryRead(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException)
            {
                return string.Empty; // the thread exited meanwhile
            }
        }
    }
}
