using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// Reads a child's stdout and stderr pipes to their end on the calling thread, with <c>poll</c> +
/// <c>read</c> (a <see cref="PollSet"/>), so that neither pipe fills (and stalls the child) while the other is read.
/// </summary>
internal static unsafe class OutputPolling
{
    /// <summary>
    /// How long to wait before the next poll after a short read of a widened pipe; 0 for never (the
    /// benchmark compares both). Pipes have no low-water mark: a child writing 8 KiB at a time wakes
    /// a waiting reader for each piece, and a pause lets a megabyte pipe fill instead (a writer at
    /// 10 GB/s needs 100 µs to fill it, so the pause does not stall the child).
    /// </summary>
    internal static int PauseMicroseconds = 100;

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
            bool shortRead = ReadIfReady(ref polls, outputEntry, outputFd, ref output) | ReadIfReady(ref polls, errorEntry, errorFd, ref error);
            if (shortRead && PauseMicroseconds > 0 && polls.AnyWatched)
                Pause();
        }
        return true;
    }

    // True when the read was short of a widened pipe (see PauseMicroseconds).
    private static bool ReadIfReady(ref PollSet polls, int entry, int fd, ref PipeBytes bytes)
    {
        if (!polls.IsReady(entry))
            return false;
        int count = bytes.ReadOnce(fd);
        if (count == 0)
            polls.Remove(entry);
        return bytes.ReadWasShortOfWidenedPipe(count);
    }

    // An interrupted sleep just ends early: the next poll comes sooner.
    private static void Pause()
    {
        var pause = new Libc.TimeSpec { Seconds = 0, Nanoseconds = PauseMicroseconds * 1000L };
        Libc.NanoSleep(&pause, null);
    }
}
