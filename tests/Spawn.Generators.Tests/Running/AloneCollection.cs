namespace Spawn.Generators.Tests.Running;

/// <summary>The tests of this collection count this process's descriptors and children, which other tests running beside them would change.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Counts process-wide resources";
}
