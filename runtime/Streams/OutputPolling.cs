using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// Reads a child's stdout and stderr pipes to their end on the calling thread, with <c>poll</c> +
/// <c>read</c> (a <see cref="PollSet"/>), so that neither pipe fills (and stalls the child) while the other is read.
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
    public static bool ReadToEnd(int outputFd, int errorFd, ref PipeBytes output, ref PipeBytes error, Deadline deadline)
    {
        var polls = new PollSet(stackalloc Libc.PollFd[2]);
        int outputEntry = polls.Add(outputFd, Libc.POLLIN);
        int errorEntry = polls.Add(errorFd, Libc.POLLIN);
        while (polls.AnyWatched)
        {
            if (!polls.Wait(deadline))
                return false;
            ReadIfReady(ref polls, outputEntry, outputFd, ref output);
            ReadIfReady(ref polls, errorEntry, errorFd, ref error);
        }
        return true;
    }

    private static void ReadIfReady(ref PollSet polls, int entry, int fd, ref PipeBytes bytes)
    {
        if (polls.IsReady(entry) && bytes.ReadOnce(fd) == 0)
            polls.Remove(entry);
    }
}
