using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// Reads a child's stdout and stderr pipes to their end on the calling thread, with <c>poll</c> +
/// <c>read</c>, so that neither pipe fills (and stalls the child) while the other is read.
/// </summary>
internal static class OutputPolling
{
    /// <summary>Reads both descriptors until each is at its end of file.</summary>
    /// <exception cref="SpawnException">poll failed (EFAULT, ENOMEM); read failed (EBADF, EIO).</exception>
    public static void ReadToEnd(int outputFd, int errorFd, ref PipeBytes output, ref PipeBytes error) =>
        ReadToEnd(outputFd, errorFd, ref output, ref error, Deadline.Never);

    /// <summary>
    /// Reads both descriptors until each is at its end of file, or until <paramref name="deadline"/>
    /// passes; what was read stays in the buffers. True when both ended.
    /// </summary>
    /// <exception cref="SpawnException">poll failed (EFAULT, ENOMEM); read failed (EBADF, EIO).</exception>
    public static unsafe bool ReadToEnd(int outputFd, int errorFd, ref PipeBytes output, ref PipeBytes error, Deadline deadline)
    {
        Libc.PollFd* polls = stackalloc Libc.PollFd[2];
        polls[0] = new Libc.PollFd { Fd = outputFd, Events = Libc.POLLIN };
        polls[1] = new Libc.PollFd { Fd = errorFd, Events = Libc.POLLIN };
        while (polls[0].Fd >= 0 || polls[1].Fd >= 0)
        {
            // poll ignores a negative descriptor: a pipe at its end drops out that way.
            int ready = Libc.Poll(polls, 2, deadline.RemainingMilliseconds);
            if (ready < 0)
            {
                Errno pollError = Errno.FromLastPInvokeError();
                if (pollError != Errno.EINTR)
                    throw new SpawnException("poll", pollError);
                continue;
            }
            if (ready == 0)
                return false;
            ReadIfReady(ref polls[0], ref output);
            ReadIfReady(ref polls[1], ref error);
        }
        return true;
    }

    private static void ReadIfReady(ref Libc.PollFd poll, ref PipeBytes bytes)
    {
        if (poll.Fd >= 0 && poll.REvents != 0 && bytes.ReadOnce(poll.Fd) == 0)
            poll.Fd = -1;
    }
}
