using System.Runtime.CompilerServices;
using Spawn.Forking;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// The child toolkit, each operation checked from the outside: the child applies it and execs a
/// program whose output (on a pipe) shows the effect.
/// </summary>
public sealed class ForkChildTests : LeakCheckedTest
{
    private const int ENOENT = 2;
    private const int EINVAL = 22;

    [Fact]
    public void Exec_runs_the_program_with_its_argv_and_envp()
    {
        (string output, ExitStatus status) = ForkExec(new ToolkitStep(), "/bin/sh", ["sh", "-c", "echo \"$0 $1 $GREETING\"", "zero", "one"], ["GREETING=hello"]);
        Assert.Equal("zero one hello\n", output);
        Assert.Equal(0, status.ExitCode);
    }

    [Fact]
    public void ExecP_searches_the_PATH_of_the_prepared_environment()
    {
        (string output, _) = ForkExec(new ToolkitStep { SearchPath = true }, "echo", ["echo", "found"], ["PATH=/nonexistent:/bin:/usr/bin"]);
        Assert.Equal("found\n", output);
    }

    [Fact]
    public void A_failed_exec_returns_the_errno_to_the_child()
    {
        (string output, ExitStatus status) = ForkExec(new ToolkitStep(), "/nonexistent/program", ["program"], []);
        Assert.True($"{ENOENT:000}" == output, $"{status}: [{output}]");
        Assert.Equal(126, status.ExitCode);
    }

    [Fact]
    public void Chdir_changes_the_directory_the_program_starts_in()
    {
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.Chdir }, "/bin/pwd", ["pwd"], []);
        Assert.Equal("/proc\n", output);
    }

    [Fact]
    public void SetSid_makes_the_child_a_session_leader()
    {
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.SetSid }, "/bin/sh", ["sh", "-c", "echo $$ $(cut -d' ' -f6 /proc/$$/stat)"], []);
        string[] pidAndSession = output.Trim().Split(' ');
        Assert.Equal(pidAndSession[0], pidAndSession[1]);
    }

    [Fact]
    public void Umask_is_inherited_across_exec()
    {
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.Umask }, "/bin/sh", ["sh", "-c", "umask"], []);
        Assert.Equal("0027\n", output);
    }

    [Fact]
    public void SetRlimit_limits_the_program()
    {
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.SetRlimit }, "/bin/sh", ["sh", "-c", "ulimit -n"], []);
        Assert.Equal("100\n", output);
    }

    [Fact]
    public void CloseFrom_leaves_only_the_standard_descriptors()
    {
        // No pipeline: the shell holds a pipe's two ends while it starts both sides, and ls could list
        // them. The "; exit" keeps the shell from exec-ing ls in its place (ls lists its own folder).
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.CloseFrom }, "/bin/sh", ["sh", "-c", "ls /proc/$$/fd; exit 0"], []);
        Assert.Equal("0 1 2 ", output.Replace('\n', ' ').Replace("255 ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void SetSignalMask_is_inherited_across_exec()
    {
        (string output, _) = ForkExec(new ToolkitStep { Operation = ToolkitOperation.SignalMask }, "/bin/grep", ["grep", "SigBlk", "/proc/self/status"], []);
        // SIGUSR1 (10) and SIGTERM (15): bits 9 and 14.
        Assert.Equal("SigBlk:\t0000000000004200\n", output);
    }

    [Fact]
    public void Paths_without_a_terminating_NUL_are_refused_without_a_system_call()
    {
        Assert.Equal(EINVAL, ForkChild.Chdir("/tmp"u8));
        Assert.Equal(EINVAL, ForkChild.Chroot(""u8));
        Assert.Equal(EINVAL, ForkChild.PrctlSetName("name"u8));
    }

    private static (string Output, ExitStatus Status) ForkExec(ToolkitStep step, string program, string[] argv, string[] envp)
    {
        using var pipe = new TestPipe();
        using ExecArguments exec = ExecArguments.Create(program, argv, envp);
        step.Stdout = (int)pipe.WriteEnd.DangerousGetHandle();
        step.Exec = exec;
        // A child stuck before exec is killed, and the test fails instead of waiting for it forever.
        var options = new ForkOptions { ExecDeadline = TimeSpan.FromSeconds(10) };
        using PidFd child = Fork.Run(ToolkitStep.Child, ref step, default, options, out ForkReport report);
        string output = ForkedOutput.ReadToEnd(pipe);
        ExitStatus status = child.WaitForExit();
        Assert.False(report.Watchdog!.WaitForVerdict(), report.Watchdog.Explain(status));
        return (output, status);
    }
}

internal enum ToolkitOperation
{
    None,
    Chdir,
    SetSid,
    Umask,
    SetRlimit,
    CloseFrom,
    SignalMask,
}

/// <summary>A child that applies one toolkit operation, moves the pipe onto stdout and execs; on a
/// failure it writes the errno (three digits) and exits 124 (the operation) or 126 (exec).</summary>
internal struct ToolkitStep
{
    public int Stdout;
    public ExecArguments Exec;
    public bool SearchPath;
    public ToolkitOperation Operation;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Child(ref ToolkitStep state)
    {
        if (ForkChild.Dup2(state.Stdout, 1) != 0)
            return 125;
        int error = state.Operation switch
        {
            ToolkitOperation.Chdir => ForkChild.Chdir("/proc\0"u8),
            ToolkitOperation.SetSid => ForkChild.SetSid(),
            ToolkitOperation.Umask => ForkChild.Umask(0x17),
            ToolkitOperation.SetRlimit => ForkChild.SetRlimit(7, 100, 100),
            ToolkitOperation.CloseFrom => ForkChild.CloseFrom(3),
            ToolkitOperation.SignalMask => ForkChild.SetSignalMask(new SignalSet { Bits = (1UL << 9) | (1UL << 14) }),
            _ => 0,
        };
        if (error != 0)
            return Fail(error, 124);
        error = state.SearchPath ? ForkChild.ExecP(state.Exec) : ForkChild.Exec(state.Exec);
        return Fail(error, 126);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Fail(int error, int status)
    {
        Span<byte> digits = stackalloc byte[3];
        digits[0] = (byte)('0' + error / 100 % 10);
        digits[1] = (byte)('0' + error / 10 % 10);
        digits[2] = (byte)('0' + error % 10);
        ForkChild.Write(1, digits);
        return status;
    }
}
