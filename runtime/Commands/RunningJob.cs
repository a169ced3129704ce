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
    internal Task WaitAsync(CancellationToken cancellationToken) => Target.WaitAsync(cancellationToken);

    /// <summary>Every process's status, once <see cref="WaitAsync"/> or <see cref="StopAsync"/> reaped them all.</summary>
    internal ExitStatus[] Statuses() => [.. _processes.Select(process => process.WaitForExit())];

    /// <summary>
    /// The job's stop policy (<see cref="StopTarget.StopAsync"/>): its signal to its scope; then, when a
    /// process (or, for a cgroup scope, any process in the cgroup) is still there after the grace
    /// period, SIGKILL. Returns once every process is reaped; true when SIGKILL was needed.
    /// </summary>
    internal Task<bool> StopAsync() => Target.StopAsync(_job.Stop);

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

    internal StopTarget Target => new(_processes, ProcessGroup, _job.Cgroup);
}
