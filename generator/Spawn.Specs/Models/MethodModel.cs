namespace Spawn.Specs.Models;

/// <summary>The partial method's signature as the implementation must repeat it.</summary>
internal sealed record MethodModel(
    string Name,
    string Accessibility,
    SpecReturnKind ReturnKind,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters);

/// <summary>What the method returns.</summary>
internal enum SpecReturnKind
{
    /// <summary><c>Spawn.PidFd</c>: the running child.</summary>
    PidFd,

    /// <summary><c>int</c>: the pid; the pidfd is closed.</summary>
    Pid,

    /// <summary><c>Spawn.ExitStatus</c>: spawn and wait.</summary>
    ExitStatus,

    /// <summary><c>ValueTask&lt;Spawn.ExitStatus&gt;</c>: spawn and wait asynchronously.</summary>
    ExitStatusAsync,

    /// <summary><c>Spawn.CapturedOutput</c>: spawn with stdout and stderr piped, read both to the end, wait.</summary>
    CapturedOutput,

    /// <summary><c>ValueTask&lt;Spawn.CapturedOutput&gt;</c>: the same without blocking a thread.</summary>
    CapturedOutputAsync,

    /// <summary><c>Spawn.Specs.PipelineStatus</c>: spawn a <c>[Pipe]</c> pipeline and wait for every stage.</summary>
    PipelineStatus,
}
