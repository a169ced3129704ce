using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// The one blocking <c>poll</c> loop: waits until a descriptor is ready or a <see cref="Deadline"/>
/// passes, retrying on EINTR with the time that is left, so that a signal never stretches or cuts
/// the wait. <see cref="PollSet"/>, <see cref="ChildWait"/> and a cgroup's wait for emptiness use it.
/// </summary>
internal static unsafe class DeadlinePoll
{
    /// <summary>
    /// <c>poll(entries, count, remaining)</c> until one entry is ready or <paramref name="deadline"/>
    /// passes. A deadline that has passed already still polls once, with a zero timeout, so that a
    /// caller can ask "ready now?" with <c>default</c>.
    /// </summary>
    /// <param name="entries">The entries; their <c>revents</c> say what is ready.</param>
    /// <param name="count">How many.</param>
    /// <param name="deadline">When to give up.</param>
    /// <returns>False when the deadline passed first.</returns>
    /// <exception cref="SpawnException">poll failed: EBADF, ENOMEM, EINVAL (more descriptors than RLIMIT_NOFILE).</exception>
    internal static bool Wait(Libc.PollFd* entries, nuint count, Deadline deadline)
    {
        Errno error = TryWait(entries, count, deadline, out bool ready);
        return error.Value == 0 ? ready : throw new SpawnException("poll", error);
    }

    /// <summary><see cref="Wait"/> that returns poll's errno (other than EINTR) for the caller to name its file.</summary>
    /// <param name="entries">The entries; their <c>revents</c> say what is ready.</param>
    /// <param name="count">How many.</param>
    /// <param name="deadline">When to give up.</param>
    /// <param name="ready">False when the deadline passed first.</param>
    /// <returns>default, or the errno of a failed poll.</returns>
    internal static Errno TryWait(Libc.PollFd* entries, nuint count, Deadline deadline, out bool ready)
    {
        while (true)
        {
            int milliseconds = deadline.RemainingMilliseconds;
            int result = Libc.Poll(entries, count, milliseconds);
            if (result > 0)
            {
                ready = true;
                return default;
            }
            if (result < 0)
            {
                Errno error = Errno.FromLastPInvokeError();
                if (error != Errno.EINTR)
                {
                    ready = false;
                    return error;
                }
            }
            else if (milliseconds == 0 || deadline.RemainingMilliseconds == 0)
            {
                ready = false;
                return default;
            }
            // EINTR, or a timeout that ended a hair before the deadline (rounding): poll for what is left.
        }
    }
}
