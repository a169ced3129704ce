using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Attributes
{
    [SpawnSpec("/usr/sbin/daemon", SearchPath = false)]
    [NewSession]
    [ResetIds]
    [SignalMask(Signals.SIGTERM, Signals.SIGHUP)]
    [DefaultSignals(Signals.SIGPIPE)]
    [Scheduler(3, 0)]
    [Cgroup("/sys/fs/cgroup/workers")]
    public static partial PidFd Daemon();

    [SpawnSpec("sleep", "{seconds}")]
    [ProcessGroup("{group}")]
    [Scheduler(0)]
    public static partial int InGroup(int group, long seconds);
}
