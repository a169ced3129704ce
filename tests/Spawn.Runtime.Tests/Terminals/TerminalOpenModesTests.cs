using Spawn.Commands;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>
/// <see cref="Terminal.Open"/> with the default modes leaves a new pair as the kernel made it (cooked,
/// echoing): no TCGETS and TCSETS. The runner process opens the terminal under strace, which shows
/// which ioctls were made; raw mode is the control that does set modes.
/// </summary>
public sealed class TerminalOpenModesTests : LeakCheckedTest
{
    private static readonly string RunnerPath = Path.Combine(AppContext.BaseDirectory, "Spawn.Runtime.JobRunner.dll");

    [SkippableFact]
    public void A_terminal_opened_with_the_default_modes_has_the_kernels_cooked_echoing_modes()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using Terminal terminal = Terminal.Open();

        Assert.True(terminal.Echo);
        Assert.False(terminal.Raw);
    }

    [SkippableFact]
    public void Raw_mode_alone_turns_echo_off_as_cfmakeraw_does()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using Terminal terminal = Terminal.Open(new TerminalOptions { Raw = true });

        Assert.True(terminal.Raw);
        Assert.False(terminal.Echo, "Echo's default (true) turned echo back on after the raw modes");
    }

    [SkippableFact]
    public void Only_a_terminal_opened_with_other_modes_gets_tcsets()
    {
        TerminalTranscript.RequirePseudoTerminals();
        Skip.IfNot(File.Exists("/usr/bin/strace"), "/usr/bin/strace is not installed");

        string cooked = TraceIoctls("default");
        string raw = TraceIoctls("raw");

        Assert.Contains("TIOCSPTLCK", cooked); // the control: the pair was opened under the trace
        Assert.DoesNotContain("TCSETS", cooked);
        Assert.Contains("TCSETS", raw);
    }

    private static string TraceIoctls(string modes)
    {
        string trace = Path.Combine(Path.GetTempPath(), $"spawn-terminal-ioctls-{Environment.ProcessId}-{modes}");
        try
        {
            JobOutput run = new Command("/usr/bin/strace", "-f", "-e", "trace=ioctl", "-o", trace, "dotnet", RunnerPath, "terminal-open", modes).Capture();
            Skip.If(run.StandardError.Contains("PTRACE", StringComparison.Ordinal) && run.Status.ExitCode != 0,
                    "strace cannot trace here: " + run.StandardError.Trim());
            Assert.True(run.Status.ExitCode == 0, run.StandardError);
            Assert.StartsWith("/dev/pts/", run.StandardOutput, StringComparison.Ordinal);
            return File.ReadAllText(trace);
        }
        finally
        {
            File.Delete(trace);
        }
    }
}
