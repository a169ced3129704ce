namespace Spawn.Forking;

/// <summary>The glibc patch set's <c>FORK_NP_*</c> flags of <c>fork_np_args_t</c>, with its values.</summary>
[Flags]
public enum ForkNpFlags : uint
{
    /// <summary>Nothing: <see cref="Fork.ForkNp(ref ForkNpArgs)"/> acts as <c>fork</c>.</summary>
    None = 0,

    /// <summary>
    /// <c>FORK_NP_PIDFD</c>: <see cref="ForkNpArgs.PidFd"/> receives a pidfd of the child
    /// (<c>O_CLOEXEC</c>), obtained before the child can exit or its pid be reused.
    /// </summary>
    PidFd = 1,

    /// <summary>
    /// <c>FORK_NP_CGROUP</c>: the child is born in the cgroup2 folder <see cref="ForkNpArgs.CgroupFd"/>
    /// (<c>clone3</c> with <c>CLONE_INTO_CGROUP</c>, Linux 5.7+). Needs <see cref="AsyncSafe"/>.
    /// </summary>
    Cgroup = 2,

    /// <summary><c>FORK_NP_ASYNCSAFE</c>: acts as <c>_Fork</c>; <c>pthread_atfork</c> handlers do not run.</summary>
    AsyncSafe = 4,

    /// <summary>
    /// <c>FORK_NP_EXIT_SIGNAL</c>: the parent gets <see cref="ForkNpArgs.ExitSignal"/> (0 for none)
    /// instead of <c>SIGCHLD</c> when the child ends. Needs <see cref="AsyncSafe"/>.
    /// </summary>
    ExitSignal = 8,
}
