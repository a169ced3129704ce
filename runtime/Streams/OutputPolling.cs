using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// Reads a child's stdout and stderr pipes to their end on the calling thread, with <c>poll</c> +
/// <c>read</c> (a <see cref="PollSet"/>), so that neither pipe fills (and stalls the child) while the other is read.
/// </summary>
internal static class OutputPolling
{
    /// <summary>
    /// How many more reads a pipe that poll found readable gets before the next poll, while they bring
    /// bytes; 0 for none (the benchmark compares both). The reading thread is usually the slower side
    /// of a large output (it copies and keeps the bytes while the child only writes them), so the pipe
    /// has more by the time a read returns: reading again saves the poll in between. The limit lets the
    /// other pipe be looked at while one never runs dry.
    /// </summary>
    internal static int ReadsBeforePolling = 64;

    /// <summary>Reads both descriptors (non-blocking ones: see <see cref="ReadsBeforePolling"/>) until each is at its end of file.</summary>
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
        if (polls.IsReady(entry) && ReadAvailable(fd, ref bytes) == 0)
            polls.Remove(entry);
    }

    /// <summary>
    /// Reads the non-blocking <paramref name="fd"/>, which poll found readable, once and then again
    /// while the reads bring bytes, up to <see cref="ReadsBeforePolling"/> more times: the last
    /// read's count (0 at the end of the pipe, -1 once it is empty).
    /// </summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    public static int ReadAvailable<TReader>(int fd, ref TReader reader)
        where TReader : IPipeReader
    {
        int count = reader.ReadOnce(fd);
        for (int again = 0; count > 0 && again < ReadsBeforePolling; again++)
            count = reader.ReadOnce(fd);
        return count;
    }
}
