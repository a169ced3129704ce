namespace Spawn.Generators;

/// <summary>The [SpawnSpec] methods of one containing type, emitted into one file.</summary>
internal sealed record TypeSpecsModel(Spawn.Specs.Models.TypeHierarchyModel Type, Spawn.Specs.EquatableArray<SpecMethodModel> Methods);
