namespace Spawn.Runtime.Tests.Seccomp;

/// <summary>
/// What the runner must report when one system call is refused: the outcome of every step, as the
/// support ladder in docs/design.md and the runtime's code say. An error outcome is compared up to its
/// message ("error OPERATION ERRNO STAGE DETAIL"); the message itself must name the operation and the errno.
/// </summary>
internal static class RefusalExpectation
{
    /// <summary>The outcomes with nothing refused.</summary>
    private static Dictionary<string, string> Unrefused() => new(StringComparer.Ordinal)
    {
        ["filter"] = "none",
        ["pidfd-supported"] = "true",
        ["pidfd-spawn"] = "exited 3",
        ["posix-spawn"] = "exited 4",
        ["exec-failure"] = "error exec ENOENT Exec None",
        ["cgroup-spawn"] = "exited 0",
        ["closefrom-1"] = "fds 0 1 2",
        ["closefrom-2"] = "fds 0 1 2",
        ["pidfd-getpid"] = "ok",
        ["pidfd-signal"] = "ok",
        ["pidfd-wait"] = "killed SIGKILL",
        ["pidfd-getpid-reaped"] = "error pidfd_getpid ESRCH None None",
        ["pidfd-calls"] = "done",
        ["pidfd-open"] = "ok",
        ["pidfd-open-signal"] = "ok",
        ["pidfd-open-wait"] = "killed SIGKILL",
        ["pidfd-open-reaped"] = "through the pidfd",
        ["pidfd-open-calls"] = "done",
        ["leaked"] = "nothing",
    };

    /// <summary>The outcomes with <paramref name="call"/> refused with <paramref name="errno"/>; with "none", the control run's.</summary>
    public static IReadOnlyDictionary<string, string> For(string call, string errno)
    {
        Dictionary<string, string> expected = Unrefused();
        if (call == "none")
            return expected;
        expected["filter"] = $"{call} {errno}";
        expected["filter-check"] = errno;
        switch (call)
        {
            case "clone3":
                // Spawns without a cgroup fall back to clone (the first one learns clone3 is
                // missing); only clone3 can place a child in a cgroup.
                expected["cgroup-spawn"] = "error clone EOPNOTSUPP Clone NoClone3ForCgroup";
                break;
            case "waitid-pidfd":
                // glibc's rule: no waitid(P_PIDFD), no pidfd support. Spawns by pid still work,
                // into a cgroup too. PidFd.Open refuses with ENOSYS (a pidfd that could never be
                // waited for); the child is reaped by its pid.
                expected["filter-neighbour"] = "ECHILD";
                expected["pidfd-supported"] = "false";
                expected["pidfd-spawn"] = "error clone ENOSYS Clone NoPidFd";
                expected["pidfd-calls"] = "skipped: no pidfd support";
                foreach (string step in new[] { "pidfd-getpid", "pidfd-signal", "pidfd-wait", "pidfd-getpid-reaped" })
                    expected.Remove(step);
                expected["pidfd-open"] = "error pidfd_open ENOSYS None None";
                expected.Remove("pidfd-open-signal");
                expected.Remove("pidfd-open-wait");
                expected["pidfd-open-reaped"] = "by pid: killed SIGKILL";
                break;
            case "pidfd_open":
                // Spawned pidfds come from clone itself; only PidFd.Open fails.
                expected["pidfd-open"] = $"error pidfd_open {errno} None None";
                expected.Remove("pidfd-open-signal");
                expected.Remove("pidfd-open-wait");
                expected["pidfd-open-reaped"] = "by pid: killed SIGKILL";
                break;
            case "pidfd_send_signal":
                // A clear error, and the child was not touched: it still runs.
                foreach (string step in new[] { "pidfd-signal", "pidfd-open-signal" })
                {
                    expected[step] = $"error pidfd_send_signal {errno} None None";
                    expected[step + "-refused-child"] = "still running";
                }
                break;
            case "close_range":
                // The child closes by walking /proc/self/fd: still nothing above 2 survives.
                break;
            case "pidfd-get-info":
                // GetPid reads /proc/self/fdinfo instead; other ioctls pass.
                expected["filter-neighbour"] = "EBADF";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, "not a call the runner refuses");
        }

        return expected;
    }

    /// <summary>The outcome as compared: an error without its message, after checking the message names the operation and the errno.</summary>
    public static string Comparable(string step, string outcome)
    {
        if (!outcome.StartsWith("error ", StringComparison.Ordinal))
            return outcome;
        int colon = outcome.IndexOf(": ", StringComparison.Ordinal);
        Assert.True(colon > 0, $"{step}: an error without a message: {outcome}");
        string[] fields = outcome[..colon].Split(' ');
        string message = outcome[(colon + 2)..];
        Assert.True(message.Contains(fields[1], StringComparison.Ordinal) && message.Contains(fields[2], StringComparison.Ordinal),
            $"{step}: the message does not name {fields[1]} and {fields[2]}: {message}");
        return outcome[..colon];
    }
}
