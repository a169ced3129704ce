using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.Diagnostics;

/// <summary>
/// The rules of a spec's stop policy and parent-death signal, SPAWN0040-SPAWN0044: <c>[Timeout]</c>,
/// <c>[StopSignal]</c>, <c>[KillOnParentExit]</c> and the raw <c>[ParentDeathSignal]</c>.
/// </summary>
internal static partial class SpawnDiagnostics
{
    internal static readonly DiagnosticDescriptor StopNotEnforced = SpecError(
        "SPAWN0040",
        "[Timeout] and [StopSignal] need a spec that waits for its child",
        "'{0}' cannot enforce {1}: {2}",
        "Only a spec that waits can stop its child: ExitStatus and CapturedOutput (with a [Timeout], waited for with poll), ValueTask<ExitStatus> and ValueTask<CapturedOutput> (with a [Timeout] or a CancellationToken parameter). A PidFd or int return hands the child out.");

    internal static readonly DiagnosticDescriptor ProcessGroupScopeWithoutGroup = SpecError(
        "SPAWN0041",
        "A ProcessGroup stop scope needs a process group",
        "'{0}' stops its process group, but the child stays in this process's group: add [ProcessGroup(0)] or [NewSession]",
        "kill(-pgid) reaches every process of the group; without [ProcessGroup] or [NewSession] the child is in the caller's own group, and the stop would signal the caller.");

    internal static readonly DiagnosticDescriptor CgroupScopeWithoutCgroup = SpecError(
        "SPAWN0042",
        "A Cgroup stop scope needs a cgroup",
        "'{0}' stops its cgroup, but the spec has no [Cgroup]",
        "The cgroup scope signals every process of the cgroup the child was born in (CLONE_INTO_CGROUP); without [Cgroup] there is none of the spec's own.");

    internal static readonly DiagnosticDescriptor InvalidStopTime = SpecError(
        "SPAWN0043",
        "A timeout or grace period must be zero or more, or -1",
        "{0} is not a valid time for {1}: milliseconds are zero or more, or -1 (Timeout.Infinite)",
        "A negative time other than Timeout.Infinite has no meaning; the runtime's Job.Timeout and StopPolicy.GracePeriod refuse it too.");

    internal static readonly DiagnosticDescriptor ParentDeathSignalFromAsync = SpecWarning(
        "SPAWN0044",
        "[ParentDeathSignal] is thread-scoped: use [KillOnParentExit] from async code",
        "'{0}' asks for a parent-death signal, which the kernel sends when the spawning thread ends; called from async code it may spawn on a thread-pool thread that retires while this process runs: use [KillOnParentExit]",
        "prctl(PR_SET_PDEATHSIG) fires when the thread that spawned the child exits, not the process. Code after an await runs on thread-pool threads, and the pool retires idle threads: the child then gets the signal while the application runs. [KillOnParentExit] spawns on the runtime's one long-lived spawning thread.");
}
