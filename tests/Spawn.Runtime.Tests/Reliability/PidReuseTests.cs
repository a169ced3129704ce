using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// PID reuse, forced: in a new pid namespace (see <see cref="PidNamespaceThread"/>) a child is
/// reaped, then <c>/proc/sys/kernel/ns_last_pid</c> of that namespace is set (by a shell inside it:
/// the kernel applies the write to the writer's own namespace) so that the next child gets the same
/// number. The pidfd of the old child must fail with ESRCH and leave the new one alone; a kill by
/// number inside the namespace hits the new one.
/// </summary>
public sealed class PidReuseTests : LeakCheckedTest
{
    private const string Shell = "/bin/sh";
    private const int VictimExitCode = 7;

    [SkippableFact]
    public void A_pidfd_of_a_reaped_child_never_reaches_the_process_that_got_its_number()
    {
        PidNamespaceThread.Run(() =>
        {
            using var initGate = new TestPipe();
            using PidFd init = SpawnHeld(initGate);
            try
            {
                Assert.Equal(1, PidNamespaceThread.InnerPid(init.Pid));
                CheckReuse();
            }
            finally
            {
                // pid 1 leaving ends the namespace; nothing else may be left in it by then.
                initGate.Release();
                Assert.True(init.WaitForExit().Exited);
            }
        });
    }

    private static void CheckReuse()
    {
        using var victimGate = new TestPipe();
        using PidFd victim = SpawnHeld(victimGate, "exit", VictimExitCode.Text());
        int number = PidNamespaceThread.InnerPid(victim.Pid);
        victimGate.Release();
        Assert.Equal(VictimExitCode, victim.WaitForExit().ExitCode);

        RunShell($"echo {(number - 1).Text()} > /proc/sys/kernel/ns_last_pid");
        using var successorGate = new TestPipe();
        using PidFd successor = SpawnHeld(successorGate);
        try
        {
            Assert.Equal(number, PidNamespaceThread.InnerPid(successor.Pid));

            Assert.False(victim.TrySendSignal(Signals.SIGKILL, out Errno signalError));
            Assert.Equal(Errno.ESRCH, signalError);
            Assert.Equal(Errno.ESRCH, Assert.Throws<SpawnException>(() => victim.SendSignal(Signals.SIGTERM)).Errno);
            Assert.False(victim.TryGetPid(out _, out Errno pidError));
            Assert.Equal(Errno.ESRCH, pidError);
            Assert.Equal(Errno.ESRCH, Assert.Throws<SpawnException>(() => victim.GetPid()).Errno);
            // Waiting again reports the old child's own end (kept since it was reaped), not the successor's.
            Assert.Equal(VictimExitCode, victim.WaitForExit().ExitCode);
            Assert.True(victim.TryWaitForExit(out ExitStatus again) && again.ExitCode == VictimExitCode);
            Assert.True(victim.HasExited);

            Assert.False(successor.HasExited);
            Assert.Equal(successor.Pid, successor.GetPid());

            // The contrast: the same number, used by a pid-based kill inside the namespace, hits the successor.
            RunShell($"kill -TERM {number.Text()}");
            ExitStatus successorEnd = successor.WaitForExit();
            Assert.True(successorEnd.Signaled && successorEnd.Signal == Signals.SIGTERM, $"the successor {successorEnd}");
        }
        finally
        {
            if (!successor.HasExited)
            {
                successor.SendSignal(Signals.SIGKILL);
            }

            successor.WaitForExit();
        }
    }

    /// <summary>A probe that waits for <paramref name="gate"/> to be released, then runs <paramref name="then"/>.</summary>
    private static PidFd SpawnHeld(TestPipe gate, params string[] then) =>
        Spawner.PidFdSpawn(ProbeProgram.Path, new SpawnFileActions().AddDup2(gate.ReadEnd.Fd(), 0), null,
            ProbeProgram.Argv(["wait-stdin", .. then]), null);

    private static void RunShell(string command)
    {
        using PidFd shell = Spawner.PidFdSpawn(Shell, null, null, [Shell, "-c", command], null);
        ExitStatus status = shell.WaitForExit();
        Assert.True(status.Exited && status.ExitCode == 0, $"sh -c \"{command}\" {status}");
    }
}
