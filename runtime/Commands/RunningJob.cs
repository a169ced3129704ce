using Spawn.Interop;
using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// The processes of a started job, with this process's ends of its pipes: waits for them, stops them
/// by the job's <see cref="StopPolicy"/>, and on dispose kills (SIGKILL) and reaps any still there, so
/// that no path out of a verb leaves a child or a descriptor behind.
/// </summary>
internal sealed class RunningJob : IDisposable
{
    private readonly Job _job;
    private readonly List<PidFd> _processes = [];

    internal RunningJob(Job job, StandardPipes pipes)
    {
        _job = job;
        Pipes = pipes;
    }

    /// <summary>This process's ends of the job's stdin, stdout and stderr pipes.</summary>
    internal StandardPipes Pipes { get; }

    /// <summary>The process group the job leads (the first process's pid), or 0 when it has none of its own.</summary>
    internal int ProcessGroup { get; private set; }

    /// <summary>The processes spawned so far, in pipeline order.</summary>
    internal IReadOnlyList<PidFd> Processes => _processes;

    /// <summary>Records a process as spawned; the first of a job with its own group leads it.</summary>
    internal void Add(PidFd process)
    {
        if (_processes.Count == 0 && _job.HasOwnProcessGroup)
            ProcessGroup = process.Pid;
        _processes.Add(process);
    }

    /// <summary>Waits until every process exited and reaps it (<see cref="PidFd.WaitForExitAsync"/>).</summary>
    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        foreach (PidFd process in _processes)
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every process's status, once <see cref="WaitAsync"/> or <see cref="StopAsync"/> reaped them all.</summary>
    internal ExitStatus[] Statuses() => [.. _processes.Select(process => process.WaitForExit())];

    /// <summary>
    /// The stop policy: its signal to its scope; then, when a process (or, for a cgroup scope, any
    /// process in the cgroup) is still there after the grace period, SIGKILL. Returns once every
    /// process is reaped; true when SIGKILL was needed.
    /// </summary>
    internal async Task<bool> StopAsync()
    {
        StopPolicy policy = _job.Stop;
        StopScope scope = ResolveScope(policy.Scope);
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

    /// <summary>Kills and reaps the processes still there, then closes this process's pipe ends.</summary>
    public void Dispose()
    {
        foreach (PidFd process in _processes)
        {
            if (!process.TryWaitForExit(out _))
            {
                process.TrySendSignal(Signals.SIGKILL, out _);
                process.WaitForExit();
            }
            process.Dispose();
        }
        Pipes.Dispose();
    }

    /// <summary>The scope a policy's <paramref name="scope"/> means for this job: <see cref="StopScope.Job"/> made concrete.</summary>
    internal StopScope ResolveScope(StopScope scope) => scope != StopScope.Job ? scope
        : _job.Cgroup is not null ? StopScope.Cgroup
        : ProcessGroup != 0 ? StopScope.ProcessGroup
        : StopScope.Process;

    private async Task<bool> EndsWithinAsync(StopScope scope, TimeSpan gracePeriod)
    {
        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await WaitAsync(grace.Token).ConfigureAwait(false);
            if (scope == StopScope.Cgroup)
                await _job.Cgroup!.WaitUntilEmptyAsync(grace.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="scope"/> (SIGKILL to a cgroup is <c>cgroup.kill</c>)
    /// and, through their pidfds, to the job's own processes.</summary>
    internal void Signal(StopScope scope, int signal)
    {
        switch (scope)
        {
            case StopScope.Cgroup when signal == Signals.SIGKILL:
                _job.Cgroup!.Kill();
                break;
            case StopScope.Cgroup:
                _job.Cgroup!.SendSignal(signal);
                break;
            // The group's id stays reserved while any member lives, the leader's zombie included.
            case StopScope.ProcessGroup when CgroupSyscalls.Kill(-ProcessGroup, signal) < 0
                                             && Errno.FromLastPInvokeError() is var error && error != Errno.ESRCH:
                throw new SpawnException("kill process group", error);
            default:
                break;
        }
        // The job's own processes get it through their pidfds in every scope: never a recycled pid.
        foreach (PidFd process in _processes)
            process.TrySendSignal(signal, out _);
    }
}
