using Spawn.Generators.InvalidSpecs;
using Spawn.Specs.Models;

namespace Spawn.Generators;

/// <summary>What the generator writes for one [SpawnSpec] method: the spawn of a valid spec, or the throwing body of an invalid one.</summary>
/// <param name="Valid">The valid spec, or null.</param>
/// <param name="Invalid">The rejected spec, or null.</param>
internal sealed record SpecMethodModel(SpawnSpecModel? Valid, InvalidSpecModel? Invalid)
{
    /// <summary>The containing types the method is written into.</summary>
    public TypeHierarchyModel Type => Valid?.Type ?? Invalid!.Type;
}
