using Microsoft.CodeAnalysis;

namespace Spawn.Specs.Parsing;

/// <summary>
/// One thing wrong with a spec, where it is, and the words of its message. Only the analyzers
/// look at problems (they hold a <see cref="Location"/>, which no model may).
/// </summary>
/// <param name="Kind">The rule.</param>
/// <param name="Location">What to underline.</param>
/// <param name="Arguments">The message's arguments.</param>
/// <param name="Subject">What a code fix acts on: the placeholder or parameter name, or null.</param>
internal sealed record SpecProblem(SpecProblemKind Kind, Location Location, EquatableArray<string> Arguments, string? Subject = null)
{
    /// <summary>Whether the generator must skip the spec (the rest are warnings).</summary>
    public bool Blocks => Kind is not (SpecProblemKind.UnusedParameter
        or SpecProblemKind.RelativeProgramWithoutSearch
        or SpecProblemKind.LostFileAction
        or SpecProblemKind.ShellCommandPlaceholder);
}
