using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Spawn.Runtime.Tests.Lifecycle;

public sealed partial class ForeignReaperTests : ReactorAwareTest
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
        Assert.Equal(child.Pid, WaitPid(child.Pid, out int waitStatus, 0));
        Assert.Equal(5, (waitStatus >> 8) & 0xff);
        Skip.If(child.GetInfo().ExitStatus is null, "the kernel keeps no exit status after a reap (PIDFD_INFO_EXIT is Linux 6.15+)");

        Assert.Equal(5, (await child.WaitForExitAsync().AsTask().WaitAsync(Patience)).ExitCode);
    }

    [Fact]
    public async Task A_wait_racing_a_foreign_waitpid_gets_the_status_whoever_reaps_first()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "6");
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        // The foreign reaper blocks in waitpid before the child may exit: the reactor and it race.
        Task<int> foreign = Task.Run(() => WaitPid(child.Pid, out _, 0));
        await Task.Delay(50);
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

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);
}
