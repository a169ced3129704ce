using System;
using System.Threading;
using System.Threading.Tasks;
using Spawn; using Spawn.Cgroups; using Spawn.Commands; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Jobs
{
    // A constant timeout on the synchronous form: poll on the pidfd, then the default policy.
    [SpawnSpec("sleep", "{seconds}")]
    [Timeout(100)]
    public static partial ExitStatus Sleep(int seconds);

    // A TimeSpan parameter, a policy of its own on the child's process group, and the token.
    [SpawnSpec("make", "-C", "{folder}")]
    [ProcessGroup(0)]
    [Timeout("{timeout}")]
    [StopSignal(Signals.SIGINT, GraceMilliseconds = 2000, Scope = StopScope.ProcessGroup)]
    public static partial ValueTask<ExitStatus> Build(string folder, TimeSpan timeout, CancellationToken cancellationToken);

    // The token alone runs the policy; the whole cgroup is stopped.
    [SpawnSpec("server")]
    [Cgroup("/sys/fs/cgroup/servers")]
    [StopSignal(Signals.SIGTERM)]
    public static partial ValueTask<CapturedOutput> Serve(CancellationToken cancellationToken);

    // The synchronous capture: poll on both pipes until the timeout.
    [SpawnSpec("git", "status")]
    [Timeout(30000)]
    public static partial CapturedOutput Status();

    // Handed to the spawning thread, with the prctl step first.
    [SpawnSpec("worker", "{id}")]
    [StandardInput(Redirect.Null)]
    [KillOnParentExit]
    public static partial PidFd StartWorker(int id);
}
