namespace Spawn.Commands;

/// <summary>How a job ended: every process's <see cref="ExitStatus"/>, the overall one, and whether it
/// was stopped (and with which signal) or ended by itself.</summary>
public class JobResult
{
    internal JobResult(IReadOnlyList<ExitStatus> stages, StopReason stopReason, int stopSignal, bool killed)
    {
        Stages = stages;
        StopReason = stopReason;
        StopSignal = stopSignal;
        Killed = killed;
        Status = PipeFail([.. stages]);
    }

    /// <summary>
    /// The overall status, as bash's <c>set -o pipefail</c> gives it: the last stage that did not succeed
    /// (exited non-zero or was killed), or success when all did. For a single command, its status.
    /// </summary>
    public ExitStatus Status { get; }

    /// <summary>Each process's status, in pipeline order (one entry for a single command).</summary>
    public IReadOnlyList<ExitStatus> Stages { get; }

    /// <summary>Why the job was stopped, or <see cref="Commands.StopReason.None"/> when it ended by itself.</summary>
    public StopReason StopReason { get; }

    /// <summary>The signal the <see cref="StopPolicy"/> sent first, or 0 when the job ended by itself.</summary>
    public int StopSignal { get; }

    /// <summary>True when the job outlived the grace period and was sent SIGKILL (or <c>cgroup.kill</c>).</summary>
    public bool Killed { get; }

    /// <summary>True when the job ended by itself and every process exited with code 0.</summary>
    public bool Succeeded => StopReason == StopReason.None && Status.Exited && Status.ExitCode == 0;

    /// <summary>"exited with code 0"; "stopped (Timeout) with SIGTERM: killed by signal 15 (SIGTERM)"; ...</summary>
    public override string ToString() =>
        StopReason == StopReason.None ? Status.ToString()
        : $"stopped ({StopReason}) with {Signals.Name(StopSignal)}{(Killed ? ", then SIGKILL" : "")}: {Status}";

    /// <summary>bash's <c>pipefail</c>: the last stage that did not succeed, else the last stage's status.
    /// <see cref="Specs.PipelineStatus"/> and the generated pipelines use it too.</summary>
    internal static ExitStatus PipeFail(ReadOnlySpan<ExitStatus> stages)
    {
        for (int i = stages.Length - 1; i >= 0; i--)
        {
            if (!stages[i].Exited || stages[i].ExitCode != 0)
                return stages[i];
        }
        return stages[^1];
    }
}
