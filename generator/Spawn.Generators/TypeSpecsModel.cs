using Spawn.Specs;
using Spawn.Specs.Models;

namespace Spawn.Generators;

/// <summary>The specs of one containing type, emitted into one file.</summary>
internal sealed record TypeSpecsModel(TypeHierarchyModel Type, EquatableArray<SpawnSpecModel> Specs);
