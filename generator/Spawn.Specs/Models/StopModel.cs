namespace Spawn.Specs.Models;

/// <summary>
/// The stop policy of a spec with <c>[Timeout]</c> or <c>[StopSignal]</c>: the timeout (constant
/// milliseconds, -1 for none, or a <c>TimeSpan</c> parameter), the first signal, the grace period
/// before SIGKILL (-1: never) and the scope, resolved from <c>StopScope.Job</c> to what the spec has
/// (<see cref="StopScopeModel"/>).
/// </summary>
internal sealed record StopModel(int TimeoutMilliseconds, string? TimeoutParameter, int Signal, int GraceMilliseconds, StopScopeModel Scope)
{
    /// <summary>The <c>[Timeout]</c> and <c>[StopSignal]</c> attributes, as written (each on one line).</summary>
    public EquatableArray<string> AttributeTexts { get; init; }
}

/// <summary>The values of the runtime's <c>Spawn.Commands.StopScope</c> a resolved policy can have.</summary>
internal enum StopScopeModel
{
    /// <summary><c>StopScope.Job</c>: resolved by the parser, never emitted.</summary>
    Job = 0,

    /// <summary>The child, through its pidfd.</summary>
    Process = 1,

    /// <summary>The child's process group.</summary>
    ProcessGroup = 2,

    /// <summary>The spec's cgroup.</summary>
    Cgroup = 3,
}
