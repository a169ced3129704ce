using Spawn.Specs.Models;

namespace Spawn.Generators.InvalidSpecs;

/// <summary>
/// A [SpawnSpec] method the parser rejected that can still be given a body: the body throws, so
/// the build's only error is the analyzer's SPAWN rule, not CS8795 (a partial method without a body).
/// </summary>
/// <param name="Type">The containing types, as for a valid spec.</param>
/// <param name="Declaration">The implementation's header, e.g. <c>public static partial int Run(string path)</c>.</param>
/// <param name="Message">The text of the exception the body throws.</param>
internal sealed record InvalidSpecModel(TypeHierarchyModel Type, string Declaration, string Message);
