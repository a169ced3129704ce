using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>Waiting on a pidfd without allocating: <c>waitid(P_PIDFD)</c> and a <c>poll</c> with a deadline.</summary>
internal static unsafe class ChildWait
{
    /// <summary>
    /// <c>waitid(P_PIDFD, pidfd, WEXITED | __WALL [| WNOHANG] [| WNOWAIT])</c>, retried on EINTR. Returns the
    /// errno, or default with <paramref name="exited"/> telling whether a status was collected
    /// (always, when blocking). With <paramref name="reap"/> false the child stays a zombie for its
    /// owner to reap.
    /// </summary>
    internal static Errno Wait(int pidfd, bool blocking, out bool exited, out ExitStatus status, bool reap = true)
    {
        SigInfo info;
        // __WALL: a child whose exit signal is not SIGCHLD (fork_np's ExitSignal) is a "clone"
        // child, which waitid ignores without it (ECHILD).
        int options = PidFdSyscalls.WEXITED | PidFdSyscalls.WALL | (blocking ? 0 : PidFdSyscalls.WNOHANG) | (reap ? 0 : PidFdSyscalls.WNOWAIT);
        for (;;)
        {
            // WNOHANG leaves the siginfo untouched when nothing exited: si_pid 0 says so.
            info = default;
            if (PidFdSyscalls.WaitId(PidFdSyscalls.P_PIDFD, pidfd, &info, options) == 0)
                break;
            Errno error = Errno.FromLastPInvokeError();
            if (error != Errno.EINTR)
            {
                exited = false;
                status = default;
                return error;
            }
        }
        exited = info.Pid != 0;
        status = exited ? ExitStatus.FromWaitid(info.Code, info.Status) : default;
        return default;
    }

    /// <summary>Whether the pidfd is readable now, i.e. its process has exited (poll, zero timeout).</summary>
    internal static bool IsReadable(int pidfd) => WaitReadable(pidfd, default);

    /// <summary>
    /// Blocks in <c>poll(pidfd, POLLIN)</c> until the pidfd turns readable (its process exited) or
    /// <paramref name="deadline"/> passes (<see cref="DeadlinePoll"/>). The default deadline has passed
    /// already: one poll with a zero timeout.
    /// </summary>
    internal static bool WaitReadable(int pidfd, Deadline deadline)
    {
        Libc.PollFd poll = new() { Fd = pidfd, Events = Libc.POLLIN };
        return DeadlinePoll.Wait(&poll, 1, deadline) && (poll.REvents & Libc.POLLIN) != 0;
    }
}
