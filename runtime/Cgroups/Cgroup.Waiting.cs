using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;
using static Spawn.Interop.CgroupSyscalls;

namespace Spawn.Cgroups;

public sealed partial class Cgroup
{
    /// <summary>
    /// Blocks until no process is left in this cgroup or below it (<c>populated 0</c> in
    /// <c>cgroup.events</c>, watched with <c>poll(POLLPRI)</c>: the kernel signals a change of the file
    /// that way), or until the timeout passes.
    /// </summary>
    /// <remarks><inheritdoc cref="WaitUntilEmptyAsync" path="/remarks"/></remarks>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <returns>True when the cgroup is empty; false on timeout.</returns>
    /// <exception cref="SpawnException">The open, read or poll of <c>cgroup.events</c> failed.</exception>
    public unsafe bool WaitUntilEmpty(TimeSpan timeout)
    {
        Deadline deadline = Deadline.After(timeout);
        using SafeFileHandle events = OpenEvents();
        while (!IsEmpty(events))
        {
            if (deadline.RemainingMilliseconds == 0)
                return false;
            var poll = new Libc.PollFd { Fd = (int)events.DangerousGetHandle(), Events = POLLPRI };
            // Ready or timed out, the file is read again: the loop decides.
            Errno error = DeadlinePoll.TryWait(&poll, 1, deadline, out _);
            if (error.Value != 0)
                throw new SpawnException("poll cgroup.events", error, Path + "/cgroup.events");
        }
        return true;
    }

    /// <summary>
    /// Waits without blocking a thread until no process is left in this cgroup or below it: the
    /// <c>cgroup.events</c> file is watched for <c>EPOLLPRI</c> by the process's epoll reactor.
    /// </summary>
    /// <remarks>A process leaves its cgroup during its exit (the kernel's <c>cgroup_exit</c>), a moment
    /// before it becomes a zombie: when the wait ends, a process that was just killed may still show
    /// state R in <c>/proc</c>. Its pidfd (or its parent's wait) says when it has ended.</remarks>
    /// <param name="cancellationToken">Stops the wait (the cgroup is left as it is).</param>
    /// <exception cref="SpawnException">The open or read of <c>cgroup.events</c>, or <c>epoll_ctl</c>, failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public async Task WaitUntilEmptyAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SafeFileHandle events = OpenEvents();
        if (!IsEmpty(events))
            await new CgroupEmptyWait(this, events).Start(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens <c>cgroup.events</c> for <see cref="IsEmpty"/> and a <c>poll(POLLPRI)</c> on it.</summary>
    internal SafeFileHandle OpenEvents()
    {
        int fd = CgroupFile.Open(Handle, "cgroup.events\0"u8, OpenFlags.O_RDONLY, out var error);
        if (fd < 0)
            throw new SpawnException("open cgroup.events", error, Path + "/cgroup.events");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Reads <c>cgroup.events</c> from the start, which also re-arms its POLLPRI notification.</summary>
    internal bool IsEmpty(SafeFileHandle eventsFile)
    {
        Span<byte> events = stackalloc byte[128];
        int length = CgroupFile.ReadAt((int)eventsFile.DangerousGetHandle(), events, out var error);
        if (length < 0)
            throw new SpawnException("read cgroup.events", error, Path + "/cgroup.events");
        return CgroupFile.FindKeyedValue(events[..length], "populated"u8) == 0;
    }
}
