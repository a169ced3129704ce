using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Cgroups;

/// <summary>
/// One <see cref="Cgroup.WaitUntilEmptyAsync"/>: the cgroup's <c>cgroup.events</c> signals every change
/// with <c>EPOLLPRI</c>; the file is read again on each until it says <c>populated 0</c> (the read
/// also re-arms the notification).
/// </summary>
internal sealed class CgroupEmptyWait(Cgroup cgroup, SafeFileHandle events) : ReadinessWait<bool>
{
    internal ValueTask<bool> Start(CancellationToken cancellationToken) => Start(events, Epoll.EPOLLPRI, cancellationToken);

    protected override bool TryComplete(out bool result) => result = cgroup.IsEmpty(events);
}
