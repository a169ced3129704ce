using System.Runtime.CompilerServices;
using Spawn.Commands;

namespace Spawn.Specs;

/// <summary>
/// How every stage of a <see cref="PipeAttribute"/> pipeline ended, held inline (no allocation) for up
/// to <see cref="MaxStages"/> stages, with the overall <c>pipefail</c> status.
/// </summary>
public readonly struct PipelineStatus : IEquatable<PipelineStatus>
{
    /// <summary>The most stages a <see cref="PipelineStatus"/> holds; a longer pipeline returns <see cref="ExitStatus"/> (SPAWN0051).</summary>
    public const int MaxStages = 8;

    private readonly Statuses _stages;

    internal PipelineStatus(ReadOnlySpan<ExitStatus> stages)
    {
        if (stages.IsEmpty || stages.Length > MaxStages)
            throw new ArgumentOutOfRangeException(nameof(stages), stages.Length, $"A pipeline status holds 1 to {MaxStages} stages.");
        stages.CopyTo(_stages);
        Count = stages.Length;
        Status = JobResult.PipeFail(stages);
    }

    /// <summary>The number of stages.</summary>
    public int Count { get; }

    /// <summary>Stage <paramref name="index"/>'s status, in pipeline order (0 is the <see cref="SpawnSpecAttribute"/> command).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public ExitStatus this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _stages[index];
        }
    }

    /// <summary>The overall status, as bash's <c>set -o pipefail</c> gives it: the last stage that did not
    /// succeed (exited non-zero or was killed), or the last stage's when all succeeded.</summary>
    public ExitStatus Status { get; }

    /// <summary>True when every stage exited with code 0.</summary>
    public bool Succeeded => Status.Exited && Status.ExitCode == 0;

    /// <inheritdoc/>
    public bool Equals(PipelineStatus other)
    {
        if (Count != other.Count)
            return false;
        for (int i = 0; i < Count; i++)
        {
            if (!_stages[i].Equals(other._stages[i]))
                return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PipelineStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        for (int i = 0; i < Count; i++)
            hash.Add(_stages[i]);
        return hash.ToHashCode();
    }

    /// <summary>Equality of every stage's status.</summary>
    public static bool operator ==(PipelineStatus left, PipelineStatus right) => left.Equals(right);

    /// <summary>Inequality of some stage's status.</summary>
    public static bool operator !=(PipelineStatus left, PipelineStatus right) => !left.Equals(right);

    /// <summary>Each stage's status joined with <c> | </c>: "exited with code 0 | killed by signal 13 (SIGPIPE) | exited with code 0".</summary>
    public override string ToString()
    {
        string[] stages = new string[Count];
        for (int i = 0; i < Count; i++)
            stages[i] = _stages[i].ToString();
        return string.Join(" | ", stages);
    }

    [InlineArray(MaxStages)]
    private struct Statuses
    {
        private ExitStatus _first;
    }
}
