using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spawn.Forking;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// Fork.ForkNp against the glibc patch set's fork_np: the pid in the parent and 0 in the child, each flag
/// (pidfd, cgroup at birth, no atfork handlers, exit signal), and the errors.
/// </summary>
public sealed unsafe class ForkNpTests : LeakCheckedTest
{
    private const int EINVAL = 22;
    private const int ENOTSUP = 95;
    private const int FD_CLOEXEC = 1;

    private static readonly Lazy<bool> s_atForkRegistered = new(() =>
    {
        Assert.Equal(0, ForkTestNative.RegisterAtFork());
        Marshal.Prelink(typeof(ForkTestNative).GetMethod(nameof(ForkTestNative.ChildCalls), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!);
        return true;
    });

    [Fact]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Without_flags_it_forks_like_fork_and_the_child_status_reaches_the_parent()
    {
        var args = new ForkNpArgs();
        int pid = Fork.ForkNp(ref args);
        if (pid == 0)
            ForkChild.Exit(42);

        Assert.True(pid > 0);
        Assert.Equal(-1, args.PidFd);
        using PidFd child = PidFd.FromRaw(LibC.Check(LibC.PidFdOpen(pid), "pidfd_open"), pid);
        Assert.Equal("exited with code 42", child.WaitForExit().ToString());
    }

    [Fact]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PidFd_flag_returns_a_close_on_exec_pidfd_of_the_child()
    {
        var args = new ForkNpArgs { Flags = ForkNpFlags.PidFd };
        int pid = Fork.ForkNp(ref args);
        if (pid == 0)
            ForkChild.Exit(7);

        Assert.True(args.PidFd >= 0);
        Assert.Equal(FD_CLOEXEC, LibC.Fcntl(args.PidFd, LibC.F_GETFD, 0) & FD_CLOEXEC);
        using PidFd child = PidFd.FromRaw(args.PidFd, pid);
        Assert.Equal(pid, child.GetPid());
        Assert.Equal(7, child.WaitForExit().ExitCode);
    }

    [Fact]
    public void Bad_arguments_fail_in_the_parent_before_any_child_exists()
    {
        var unknown = new ForkNpArgs { Flags = (ForkNpFlags)0x10 };
        Assert.Equal(EINVAL, Assert.Throws<SpawnException>(() => Fork.ForkNp(ref unknown)).Errno.Value);

        var signal = new ForkNpArgs { Flags = ForkNpFlags.ExitSignal | ForkNpFlags.AsyncSafe, ExitSignal = 65 };
        Assert.Equal(EINVAL, Assert.Throws<SpawnException>(() => Fork.ForkNp(ref signal)).Errno.Value);

        // clone3 cannot run the atfork handlers fork() would run.
        var cgroup = new ForkNpArgs { Flags = ForkNpFlags.Cgroup, CgroupFd = 0 };
        Assert.Equal(ENOTSUP, Assert.Throws<SpawnException>(() => Fork.ForkNp(ref cgroup)).Errno.Value);

        var none = new ForkNpArgs();
        Assert.Throws<ArgumentOutOfRangeException>(() => Fork.ForkNp(ref none, new ForkOptions { MaxAttempts = 0 }, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fork.ForkNp(ref none, new ForkOptions { AcknowledgementTimeout = TimeSpan.Zero }, out _));
    }

    [Fact]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Without_AsyncSafe_the_atfork_handlers_run_as_for_fork()
    {
        Assert.True(s_atForkRegistered.Value);
        int prepare = ForkTestNative.PrepareCalls(), parent = ForkTestNative.ParentCalls();
        int childBefore = ForkTestNative.ChildCalls();
        var args = new ForkNpArgs { Flags = ForkNpFlags.PidFd };
        int pid = Fork.ForkNp(ref args, new ForkOptions(), out ForkReport report);
        if (pid == 0)
            ForkChild.Exit(ForkTestNative.ChildCalls() - childBefore);

        // Once per fork made: a child killed before it acknowledged was a fork() too.
        using PidFd child = PidFd.FromRaw(args.PidFd, pid);
        Assert.Equal(1, child.WaitForExit().ExitCode);
        Assert.Equal(prepare + report.Attempts, ForkTestNative.PrepareCalls());
        Assert.Equal(parent + report.Attempts, ForkTestNative.ParentCalls());
    }

    [Fact]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void With_AsyncSafe_no_atfork_handler_runs_as_for__Fork()
    {
        Assert.True(s_atForkRegistered.Value);
        int prepare = ForkTestNative.PrepareCalls(), parent = ForkTestNative.ParentCalls();
        int childBefore = ForkTestNative.ChildCalls();
        var args = new ForkNpArgs { Flags = ForkNpFlags.PidFd | ForkNpFlags.AsyncSafe };
        int pid = Fork.ForkNp(ref args);
        if (pid == 0)
            ForkChild.Exit(10 + ForkTestNative.ChildCalls() - childBefore);

        using PidFd child = PidFd.FromRaw(args.PidFd, pid);
        Assert.Equal(10, child.WaitForExit().ExitCode);
        Assert.Equal(prepare, ForkTestNative.PrepareCalls());
        Assert.Equal(parent, ForkTestNative.ParentCalls());
    }

    [SkippableFact]
    public void Cgroup_flag_creates_the_child_inside_the_cgroup()
    {
        using TestCgroup cgroup = TestCgroup.Create("fork-np");
        using var folder = LibC.OpenOwned(cgroup.Path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);
        using var pipe = new TestPipe();
        using ExecArguments cat = ExecArguments.Create("/bin/cat", ["cat", "/proc/self/cgroup"]);
        var state = new ToolkitStep { Stdout = (int)pipe.WriteEnd.DangerousGetHandle(), Exec = cat };
        var args = new ForkNpArgs { Flags = ForkNpFlags.Cgroup | ForkNpFlags.AsyncSafe, CgroupFd = (int)folder.DangerousGetHandle() };
        using PidFd child = Fork.Run(ToolkitStep.Child, ref state, args, new ForkOptions(), out _);

        string output = ForkedOutput.ReadToEnd(pipe);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Contains("0::" + cgroup.PathInHierarchy + "\n", output, StringComparison.Ordinal);
    }

    [Fact]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ExitSignal_0_makes_a_child_that_sends_no_SIGCHLD_and_is_reaped_with___WALL()
    {
        var args = new ForkNpArgs { Flags = ForkNpFlags.ExitSignal | ForkNpFlags.AsyncSafe | ForkNpFlags.PidFd, ExitSignal = 0 };
        int pid = Fork.ForkNp(ref args);
        if (pid == 0)
            ForkChild.Exit(5);

        try
        {
            // CLD_EXITED = 1; a child with exit signal 0 is invisible to waitid without __WALL.
            Assert.Equal((1, 5), ForkTestNative.WaitAnyChild(args.PidFd));
        }
        finally
        {
            LibC.Close(args.PidFd);
        }
    }

    [Fact]
    public void Run_refuses_a_child_the_runtime_cannot_prepare()
    {
        int captured = 3;
        var state = 0;
        Assert.Throws<ArgumentException>(() => Fork.Run((ref int s) => s + captured, ref state));
        Assert.Throws<ArgumentException>(() => Fork.Run(NotOptimized, ref state));
    }

    [Fact]
    public void Run_ends_the_child_with_the_methods_result_and_127_when_it_throws()
    {
        var state = 33;
        using (PidFd child = Fork.Run(ReturnState, ref state))
            Assert.Equal(33, child.WaitForExit().ExitCode);
        using (PidFd child = Fork.Run(Throws, ref state))
            Assert.Equal(127, child.WaitForExit().ExitCode);
    }

    private static int NotOptimized(ref int state) => state;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReturnState(ref int state) => state;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Throws(ref int state) => state > 0 ? throw new InvalidOperationException() : state;
}
