namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// The same steps under every filter, each touching a rung of the support ladder: a pidfd spawn, a
/// pid spawn, a failing exec, a spawn into a cgroup, closefrom, the pidfd calls on a spawned child
/// and on one opened with pidfd_open. Each step prints one "step outcome" line; the test decides
/// what is right for each refusal. Every child is reaped before the run ends.
/// </summary>
internal static class RefusalScenario
{
    private const string MissingProgram = "/nonexistent-spawn-seccomp/missing";
    private const string Forever = "600000";

    public static void Run(string probe, string? cgroupPath)
    {
        Print("pidfd-supported", PidFd.IsSupported ? "true" : "false");
        Print("pidfd-spawn", Outcome(() =>
        {
            using PidFd child = Spawner.PidFdSpawn(probe, null, null, [probe, "exit", "3"], null);
            return Describe(child.WaitForExit());
        }));
        Print("posix-spawn", Outcome(() => Describe(PidReaping.Reap(Spawner.PosixSpawn(probe, null, null, [probe, "exit", "4"], null)))));
        Print("exec-failure", Outcome(() => Describe(PidReaping.Reap(Spawner.PosixSpawn(MissingProgram, null, null, [MissingProgram], null)))));
        if (cgroupPath is not null)
            Print("cgroup-spawn", Outcome(() => SpawnIntoCgroup(probe, cgroupPath)));
        // Twice: a refusal the runtime remembers (ENOSYS, EPERM) and one it does not (EINVAL) must both still close everything.
        Print("closefrom-1", Outcome(() => DescriptorsAfterCloseFrom(probe)));
        Print("closefrom-2", Outcome(() => DescriptorsAfterCloseFrom(probe)));
        if (PidFd.IsSupported)
            Print("pidfd-calls", Outcome(() => SpawnedPidFdCalls(probe)));
        else
            Print("pidfd-calls", "skipped: no pidfd support");
        Print("pidfd-open-calls", Outcome(() => OpenedPidFdCalls(probe)));
    }

    private static string SpawnIntoCgroup(string probe, string cgroupPath)
    {
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(cgroupPath);
        return Describe(PidReaping.Reap(Spawner.PosixSpawn(probe, null, attributes, [probe, "exit", "0"], null)));
    }

    /// <summary>The descriptors a child holds after closefrom(3), while the runner holds one more (above 2) without O_CLOEXEC.</summary>
    private static string DescriptorsAfterCloseFrom(string probe)
    {
        string output = Path.Combine(Path.GetTempPath(), $"spawn-seccomp-{Environment.ProcessId}.out");
        int inherited = LibC.Open("/dev/null", OpenFlags.O_RDONLY, 0);
        if (inherited < 0)
            throw new InvalidOperationException($"open(/dev/null): {Errno.FromLastPInvokeError()}");
        try
        {
            var actions = new SpawnFileActions()
                .AddCloseFrom(3)
                .AddOpen(1, output, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            ExitStatus status = PidReaping.Reap(Spawner.PosixSpawn(probe, actions, null, [probe, "fds"], null));
            if (!status.Exited || status.ExitCode != 0)
                return Describe(status);
            // "fd N FLAGS CLOEXEC TARGET" per descriptor.
            IEnumerable<string> numbers = File.ReadAllLines(output).Where(line => line.StartsWith("fd ", StringComparison.Ordinal))
                .Select(line => line.Split(' ')[1]);
            return $"fds {string.Join(' ', numbers)}";
        }
        finally
        {
            LibC.Close(inherited);
            File.Delete(output);
        }
    }

    /// <summary>pidfd_getpid, pidfd_send_signal and waitid(P_PIDFD) on the pidfd of a spawned child that runs until killed.</summary>
    private static string SpawnedPidFdCalls(string probe)
    {
        using PidFd child = Spawner.PidFdSpawn(probe, null, null, [probe, "sleep", Forever], null);
        Print("pidfd-getpid", Outcome(() => child.GetPid() == child.Pid ? "ok" : $"wrong pid {child.GetPid()}"));
        Print("pidfd-signal", Outcome(() => Signal(child, "pidfd-signal")));
        Print("pidfd-wait", Outcome(() => Describe(child.WaitForExit())));
        Print("pidfd-getpid-reaped", Outcome(() => $"pid {child.GetPid()}"));
        return "done";
    }

    /// <summary>The same on a pidfd_open of a child spawned without one; it is reaped by its pid where the pidfd could not.</summary>
    private static string OpenedPidFdCalls(string probe)
    {
        int pid = Spawner.PosixSpawn(probe, null, null, [probe, "sleep", Forever], null);
        bool reaped = false;
        PidFd? opened = null;
        Print("pidfd-open", Outcome(() =>
        {
            opened = PidFd.Open(pid);
            return "ok";
        }));
        if (opened is null)
        {
            LibC.Kill(pid, Signals.SIGKILL);
        }
        else
        {
            using (opened)
            {
                Print("pidfd-open-signal", Outcome(() => Signal(opened, "pidfd-open-signal")));
                Print("pidfd-open-wait", Outcome(() =>
                {
                    string status = Describe(opened.WaitForExit());
                    reaped = true;
                    return status;
                }));
            }
        }
        Print("pidfd-open-reaped", reaped ? "through the pidfd" : "by pid: " + Describe(PidReaping.Reap(pid)));
        return "done";
    }

    /// <summary>SIGKILL through the pidfd; when that is refused the child must still run, and is killed by its pid (still ours: not reaped).</summary>
    private static string Signal(PidFd child, string step)
    {
        try
        {
            child.SendSignal(Signals.SIGKILL);
            return "ok";
        }
        catch (SpawnException)
        {
            bool running = !child.HasExited;
            LibC.Kill(child.Pid, Signals.SIGKILL);
            Print(step + "-refused-child", running ? "still running" : "gone");
            throw;
        }
    }

    private static string Outcome(Func<string> step)
    {
        try
        {
            return step();
        }
        catch (SpawnException exception)
        {
            return $"error {exception.Operation} {exception.Errno.Name} {exception.Stage} {exception.Detail}: {exception.Message}";
        }
    }

    private static string Describe(ExitStatus status) =>
        status.Exited ? $"exited {status.ExitCode}" : $"killed {Signals.Name(status.Signal)}";

    public static void Print(string step, string outcome) => Console.Out.WriteLine($"{step} {outcome}");
}
