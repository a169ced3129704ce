using System.Collections.Immutable;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// The parser's answer: the model when nothing blocks it, the method's containing types (read
/// whatever the problems), and every problem found.
/// </summary>
internal sealed record SpecParseResult(SpawnSpecModel? Spec, TypeHierarchyModel Type, ImmutableArray<SpecProblem> Problems);
