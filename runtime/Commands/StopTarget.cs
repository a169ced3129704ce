using Spawn.Cgroups;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Commands;

/// <summary>
/// What a <see cref="StopPolicy"/> acts on: a job's processes, the process group they lead or joined
/// (0 when none), and its cgroup (null when none). The one place that carries out a policy: its
/// signal to its scope, the grace period, then SIGKILL, for the runtime's verbs
/// (<see cref="RunningJob"/>) and for generated <c>[SpawnSpec]</c> methods with <c>[Timeout]</c> or
/// <c>[StopSignal]</c> alike. The synchronous verbs (<see cref="PolledJob"/>) use its <see cref="Resolve"/> and
/// <see cref="Signal"/> with a grace wait of their own, which reads the job's pipes meanwhile.
/// </summary>
internal sealed class StopTarget(IReadOnlyList<PidFd> processes, int processGroup, Cgroup? cgroup)
{
    /// <summary>
    /// Signals, waits for the grace period without blocking a thread, and sends SIGKILL to what is
    /// still there; returns once every process is reaped. True when SIGKILL was needed.
    /// </summary>
    internal async Task<bool> StopAsync(StopPolicy policy)
    {
        StopScope scope = Resolve(policy.Scope);
        Signal(scope, policy.Signal);
        bool killed = false;
        if (policy.Signal != Signals.SIGKILL && !await EndsWithinAsync(scope, policy.GracePeriod).ConfigureAwait(false))
        {
            killed = true;
            Signal(scope, Signals.SIGKILL);
        }
        await WaitAsync(CancellationToken.None).ConfigureAwait(false);
        return killed;
    }

    /// <summary>
    /// <see cref="StopAsync"/> on the calling thread: the grace period is a <c>poll</c> on each pidfd
    /// (and on <c>cgroup.events</c> for a cgroup scope). True when SIGKILL was needed.
    /// </summary>
    internal bool Stop(StopPolicy policy)
    {
        StopScope scope = Resolve(policy.Scope);
        Signal(scope, policy.Signal);
        bool killed = false;
        if (policy.Signal != Signals.SIGKILL && !EndsWithin(scope, Deadline.After(policy.GracePeriod)))
        {
            killed = true;
            Signal(scope, Signals.SIGKILL);
        }
        foreach (PidFd process in processes)
            process.WaitForExit();
        return killed;
    }

    /// <summary>Waits until every process exited and reaps it (<see cref="PidFd.WaitForExitAsync"/>).</summary>
    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        foreach (PidFd process in processes)
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal StopScope Resolve(StopScope scope) => scope != StopScope.Job ? scope
        : cgroup is not null ? StopScope.Cgroup
        : processGroup != 0 ? StopScope.ProcessGroup
        : StopScope.Process;

    private async Task<bool> EndsWithinAsync(StopScope scope, TimeSpan gracePeriod)
    {
        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await WaitAsync(grace.Token).ConfigureAwait(false);
            if (scope == StopScope.Cgroup)
                await cgroup!.WaitUntilEmptyAsync(grace.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            return false;
        }
    }

    private bool EndsWithin(StopScope scope, Deadline deadline)
    {
        foreach (PidFd process in processes)
        {
            if (!process.TryWaitForExitUntil(deadline, out _))
                return false;
        }
        return scope != StopScope.Cgroup || cgroup!.WaitUntilEmpty(deadline.Remaining);
    }

    internal void Signal(StopScope scope, int signal)
    {
        switch (scope)
        {
            case StopScope.Cgroup when signal == Signals.SIGKILL:
                cgroup!.Kill();
                break;
            case StopScope.Cgroup:
                cgroup!.SendSignal(signal);
                break;
            // The group's id stays reserved while any member lives, the leader's zombie included.
            case StopScope.ProcessGroup when CgroupSyscalls.Kill(-processGroup, signal) < 0
                                             && Errno.FromLastPInvokeError() is var error && error != Errno.ESRCH:
                throw new SpawnException("kill process group", error);
            default:
                break;
        }
        // The job's own processes get it through their pidfds in every scope: never a recycled pid.
        foreach (PidFd process in processes)
            process.TrySendSignal(signal, out _);
    }
}
