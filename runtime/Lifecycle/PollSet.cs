using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// The synchronous counterpart of the <see cref="EpollReactor"/>: a few descriptors (pipes, pidfds,
/// a <c>cgroup.events</c> file, a wake-up pipe) waited for together on the calling thread with one
/// <c>poll</c>, until one is ready or a deadline passes. The storage is the caller's (usually
/// <c>stackalloc</c>), so a wait allocates nothing and needs no other thread.
/// </summary>
/// <remarks>A descriptor is dropped by making its entry negative: <c>poll</c> ignores such an entry
/// and reports nothing for it, so the array never has to be compacted and indexes stay valid.</remarks>
internal ref struct PollSet
{
    private readonly Span<Libc.PollFd> _entries;
    private int _count;

    /// <summary>A set over <paramref name="storage"/>, one entry per descriptor to be added.</summary>
    internal PollSet(Span<Libc.PollFd> storage)
    {
        _entries = storage;
    }

    /// <summary>True while any descriptor is still watched.</summary>
    internal readonly bool AnyWatched
    {
        get
        {
            foreach (Libc.PollFd entry in _entries[.._count])
            {
                if (entry.Fd >= 0)
                    return true;
            }
            return false;
        }
    }

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/> (POLLIN, POLLOUT, POLLPRI); returns its index.</summary>
    internal int Add(int fd, short events)
    {
        _entries[_count] = new Libc.PollFd { Fd = fd, Events = events };
        return _count++;
    }

    /// <summary>Stops watching entry <paramref name="index"/>; a negative index (never added) is ignored.</summary>
    internal readonly void Remove(int index)
    {
        if (index < 0)
            return;
        _entries[index].Fd = -1;
        _entries[index].REvents = 0;
    }

    /// <summary>True while entry <paramref name="index"/> is watched.</summary>
    internal readonly bool IsWatched(int index) => index >= 0 && _entries[index].Fd >= 0;

    /// <summary>True when the last <see cref="Wait"/> found entry <paramref name="index"/> ready (or
    /// hung up, or in error: a read or write then says which).</summary>
    internal readonly bool IsReady(int index) => IsWatched(index) && _entries[index].REvents != 0;

    /// <summary>
    /// <c>poll</c> until a watched descriptor is ready or <paramref name="deadline"/> passes (EINTR
    /// waits again for what is left of the time: <see cref="DeadlinePoll"/>). A deadline that already passed returns false without a poll.
    /// </summary>
    /// <returns>False when the deadline passed first.</returns>
    /// <exception cref="SpawnException">poll failed: ENOMEM, EINVAL (more descriptors than RLIMIT_NOFILE).</exception>
    internal readonly unsafe bool Wait(Deadline deadline)
    {
        if (deadline.RemainingMilliseconds < 0 && !AnyWatched)
            throw new InvalidOperationException("Nothing to wait for: every descriptor was removed.");
        // A deadline that passed returns without a poll: descriptors that are always ready (a child that
        // writes without pause) must not keep the deadline from passing.
        if (deadline.RemainingMilliseconds == 0)
            return false;
        fixed (Libc.PollFd* entries = _entries)
            return DeadlinePoll.Wait(entries, (nuint)_count, deadline);
    }
}
