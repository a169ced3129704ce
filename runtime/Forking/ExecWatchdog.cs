using Spawn.Interop;

namespace Spawn.Forking;

/// <summary>
/// Kills a forked child that has neither called exec nor exited by a deadline
/// (<see cref="ForkOptions.ExecDeadline"/>). A thread of its own waits for the end of a pipe the
/// child holds open until exec (<c>O_CLOEXEC</c>) or exit, and sends SIGKILL through a pidfd when
/// the deadline passes first (<c>fork_core_watch_exec</c>).
/// </summary>
public sealed class ExecWatchdog
{
    private readonly int _execFd;
    private readonly int _pidfd;
    private readonly Thread _thread;
    private int _outcome;

    internal ExecWatchdog(int execFd, int pidfd, TimeSpan deadline)
    {
        _execFd = execFd;
        _pidfd = pidfd;
        Deadline = deadline;
        _thread = new Thread(Watch) { IsBackground = true, Name = "Spawn exec watchdog" };
        _thread.UnsafeStart();
    }

    /// <summary>The time the child had to exec or exit.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>
    /// Waits until the watchdog decided (the child exec'd or exited, or the deadline passed) and
    /// says whether it killed the child: true means a SIGKILL exit status comes from the watchdog,
    /// because the child neither exec'd nor exited within <see cref="Deadline"/>.
    /// </summary>
    /// <exception cref="SpawnException">Waiting or signalling failed (errno of <c>poll</c>,
    /// <c>pidfd_send_signal</c>).</exception>
    public bool WaitForVerdict()
    {
        _thread.Join();
        int outcome = Volatile.Read(ref _outcome);
        if (outcome < 0)
            throw new SpawnException("exec watchdog", new Errno(-outcome));
        return outcome == 1;
    }

    /// <summary>Why the child ended, in words: whether the watchdog killed it.</summary>
    /// <param name="status">The child's exit status (from <c>PidFd.WaitForExit</c>).</param>
    public string Explain(ExitStatus status) =>
        WaitForVerdict()
            ? $"{status}: killed by the exec watchdog, the child neither exec'd nor exited within {Deadline.TotalMilliseconds:0} ms"
            : status.ToString();

    private void Watch()
    {
        int outcome = NativeFork.WatchExec(_execFd, _pidfd, (int)Math.Min(int.MaxValue, Deadline.TotalMilliseconds));
        Libc.Close(_execFd);
        Libc.Close(_pidfd);
        Volatile.Write(ref _outcome, outcome);
    }
}
