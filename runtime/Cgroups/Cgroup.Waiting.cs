using System.Diagnostics;
using Spawn.Interop;
using static Spawn.Interop.CgroupSyscalls;

namespace Spawn;

public sealed partial class Cgroup
{
    /// <summary>
    /// Blocks until no process is left in this cgroup or below it (<c>populated 0</c> in
    /// <c>cgroup.events</c>, watched with <c>poll(POLLPRI)</c>: the kernel signals a change of the file
    /// that way), or until the timeout passes.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <returns>True when the cgroup is empty; false on timeout.</returns>
    /// <exception cref="SpawnException">The open, read or poll of <c>cgroup.events</c> failed.</exception>
    public unsafe bool WaitUntilEmpty(TimeSpan timeout)
    {
        long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        int fd = OpenEvents();
        try
        {
            if (IsEmpty(fd))
                return true;
            while (true)
            {
                int milliseconds = deadline == long.MaxValue ? -1
                    : (int)Math.Clamp(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline).TotalMilliseconds + 1, 0, int.MaxValue);
                var poll = new Libc.PollFd { Fd = fd, Events = POLLPRI };
                int ready = Libc.Poll(&poll, 1, Stopwatch.GetTimestamp() >= deadline ? 0 : milliseconds);
                if (ready < 0)
                {
                    var error = Errno.FromLastPInvokeError();
                    if (error != Errno.EINTR)
                        throw new SpawnException("poll cgroup.events", error, Path + "/cgroup.events");
                }
                if (IsEmpty(fd))
                    return true;
                if (ready == 0 && Stopwatch.GetTimestamp() >= deadline)
                    return false;
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>
    /// Waits without blocking a thread until no process is left in this cgroup or below it: the
    /// <c>cgroup.events</c> file is watched for <c>EPOLLPRI</c> by the process's epoll reactor.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (the cgroup is left as it is).</param>
    /// <exception cref="SpawnException">The open or read of <c>cgroup.events</c>, or <c>epoll_ctl</c>, failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task WaitUntilEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        int fd = OpenEvents();
        if (IsEmpty(fd))
        {
            Libc.Close(fd);
            return Task.CompletedTask;
        }
        return CgroupEmptyWait.Start(this, fd, cancellationToken);
    }

    private int OpenEvents()
    {
        int fd = CgroupFile.Open(Handle, "cgroup.events\0"u8, O_RDONLY, out var error);
        if (fd < 0)
            throw new SpawnException("open cgroup.events", error, Path + "/cgroup.events");
        return fd;
    }

    /// <summary>Reads <c>cgroup.events</c> from the start, which also re-arms its POLLPRI notification.</summary>
    internal bool IsEmpty(int eventsFd)
    {
        Span<byte> events = stackalloc byte[128];
        int length = CgroupFile.ReadAt(eventsFd, events, out var error);
        if (length < 0)
            throw new SpawnException("read cgroup.events", error, Path + "/cgroup.events");
        return CgroupFile.FindKeyedValue(events[..length], "populated"u8) == 0;
    }
}
