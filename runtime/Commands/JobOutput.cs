namespace Spawn.Commands;

/// <summary>What <see cref="Job.Capture"/> got: how the job ended and what it wrote.</summary>
public sealed class JobOutput : JobResult
{
    internal JobOutput(JobResult result, string standardOutput, string standardError)
        : base(result.Stages, result.StopReason, result.StopSignal, result.Killed)
    {
        StandardOutput = standardOutput;
        StandardError = standardError;
    }

    /// <summary>Everything the job wrote to stdout (and stderr too with <see cref="OutputRedirection.ToOutput"/>),
    /// decoded with <see cref="Job.Encoding"/>; empty when stdout was not captured.</summary>
    public string StandardOutput { get; }

    /// <summary>Everything the job wrote to stderr, decoded; empty when stderr was not captured.</summary>
    public string StandardError { get; }
}
