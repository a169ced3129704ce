namespace Spawn.Commands;

/// <summary>
/// Commands whose stdout feeds the next one's stdin, run as one job (<c>a | b | c</c>): every stage is
/// born with its own pidfd, in one new process group led by the first stage (and in the job's cgroup
/// when one is given), wired with <c>pipe2(O_CLOEXEC)</c> pipes that each stage gets only its own end
/// of (a <c>dup2</c> file action onto 0 or 1). The job settings (<see cref="Job.Input"/> for the first
/// stage, <see cref="Job.Output"/> for the last, <see cref="Job.Error"/> for all, the stop policy, ...)
/// are set on the pipeline, not on its commands.
/// </summary>
/// <remarks>The result's <see cref="JobResult.Status"/> follows bash's <c>pipefail</c>;
/// <see cref="JobResult.Stages"/> has every stage's status.</remarks>
public sealed record Pipeline : Job
{
    private readonly IReadOnlyList<Command> _stages = [];

    /// <summary>A pipeline of <paramref name="stages"/>, in order.</summary>
    /// <exception cref="ArgumentException">No stage, a null stage, or a stage that sets a job setting
    /// (the message names the stage and the setting).</exception>
    public Pipeline(params IReadOnlyList<Command> stages)
    {
        Stages = stages;
    }

    /// <summary>The commands, in order.</summary>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public IReadOnlyList<Command> Stages
    {
        get => _stages;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
                throw new ArgumentException("A pipeline needs at least one command.", nameof(Stages));
            for (int i = 0; i < value.Count; i++)
            {
                if (value[i] is null)
                    throw new ArgumentException($"Stage {i + 1} of the pipeline is null.", nameof(Stages));
                if (value[i].FirstJobSetting() is string setting)
                    throw new ArgumentException(
                        $"Stage {i + 1} of the pipeline ({value[i]}) sets {setting}; set job settings on the pipeline.", nameof(Stages));
            }
            _stages = [.. value];
        }
    }

    internal override IReadOnlyList<Command> Processes => _stages;

    /// <summary>This pipeline with <paramref name="next"/> appended; the job settings stay.</summary>
    /// <exception cref="ArgumentException"><paramref name="next"/> sets a job setting.</exception>
    public static Pipeline operator |(Pipeline pipeline, Command next)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline with { Stages = [.. pipeline._stages, next] };
    }

    /// <summary>The stages' command lines joined with <c> | </c>.</summary>
    public override string ToString() => string.Join(" | ", _stages);
}
