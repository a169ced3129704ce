using System.Diagnostics;

namespace Spawn.Runtime.Tests.Lifecycle;

public sealed class ForeignReaperTests : ReactorAwareTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The first Process.Start sets up the runtime's SIGCHLD handling, whose descriptors live as long
    // as the process: done here, before the leak check counts them.
    static ForeignReaperTests()
    {
        using var process = Process.Start("/bin/true");
        process.WaitForExit();
    }

    [SkippableFact]
    public async Task The_exit_status_survives_a_foreign_waitpid_through_PIDFD_INFO_EXIT()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "5");
        gate.Release();
        // Someone else reaps our child by its pid, as a careless library or a SIGCHLD handler would.
        Assert.Equal(child.Pid, LibC.WaitPid(child.Pid, out int waitStatus, 0));
        Assert.Equal(5, (waitStatus >> 8) & 0xff);
        Skip.If(child.GetInfo().ExitStatus is null, "the kernel keeps no exit status after a reap (PIDFD_INFO_EXIT is Linux 6.15+)");

        Assert.Equal(5, (await child.WaitForExitAsync().AsTask().WaitAsync(Patience)).ExitCode);
    }

    [SkippableFact]
    public async Task A_wait_racing_a_foreign_waitpid_gets_the_status_whoever_reaps_first()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "6");
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        // The foreign reaper is blocked in waitpid before the child may exit: the reactor and it race.
        int reaperThread = 0;
        Task<int> foreign = Task.Factory.StartNew(() =>
        {
            Volatile.Write(ref reaperThread, LibC.GetTid());
            return LibC.WaitPid(child.Pid, out _, 0);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await UntilBlockedInWait4(() => Volatile.Read(ref reaperThread), foreign);
        gate.Release();
        Assert.Equal(6, (await wait.AsTask().WaitAsync(Patience)).ExitCode);
        Assert.Contains(await foreign.WaitAsync(Patience), new[] { child.Pid, -1 });
    }

    [Fact]
    public async Task Children_of_Process_and_of_PidFd_are_awaited_side_by_side_without_losing_a_status()
    {
        const int Rounds = 40;
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                int code = (worker * Rounds + round) % 200;
                using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"exit {code}"]))!;
                using var gate = new StdinGate();
                using var child = gate.Spawn("exit", (code + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                ValueTask<ExitStatus> ours = child.WaitForExitAsync();
                gate.Release();
                await process.WaitForExitAsync();
                Assert.Equal(code, process.ExitCode);
                Assert.Equal(code + 1, (await ours).ExitCode);
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_PidFd_of_a_Process_child_reads_its_status_without_stealing_it_from_Process()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "read line; exit 9"]) { RedirectStandardInput = true })!;
        using var pidfd = PidFd.Open(process);
        ValueTask<ExitStatus> wait = pidfd.WaitForExitAsync();
        Assert.False(wait.IsCompleted);
        process.StandardInput.Close();

        Assert.Equal(9, (await wait.AsTask().WaitAsync(Patience)).ExitCode);
        await process.WaitForExitAsync();
        Assert.Equal(9, process.ExitCode);
    }

    /// <summary>
    /// Returns once the thread <paramref name="thread"/> names is inside the wait4 system call
    /// (/proc/self/task/TID/syscall starts with its number), which orders the steps by what the kernel
    /// says rather than by a sleep. Skips where the kernel does not show a thread's system call.
    /// </summary>
    private static async Task UntilBlockedInWait4(Func<int> thread, Task<int> reaper)
    {
        string wait4 = LibC.Wait4SyscallNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ";
        while (!reaper.IsCompleted)
        {
            int tid = thread();
            if (tid != 0)
            {
                string path = $"/proc/self/task/{tid}/syscall";
                Skip.IfNot(File.Exists(path), "the kernel does not show a thread's system call (/proc/PID/task/TID/syscall)");
                if (File.ReadAllText(path).StartsWith(wait4, StringComparison.Ordinal))
                    return;
            }
            await Task.Yield();
        }
        Assert.Fail($"the foreign waitpid returned before the child could exit: {await reaper}");
    }
}
