namespace Spawn.Generators;

/// <summary>Names of the pipeline's steps, so tests can check that an unrelated edit leaves each one cached.</summary>
internal static class TrackingNames
{
    /// <summary>Each [SpawnSpec] method parsed into a model (null when a problem blocks it).</summary>
    public const string ParsedSpecs = nameof(ParsedSpecs);

    /// <summary>Only the valid models.</summary>
    public const string ValidSpecs = nameof(ValidSpecs);

    /// <summary>Every valid model, gathered.</summary>
    public const string AllSpecs = nameof(AllSpecs);

    /// <summary>The models grouped by containing type, one generated file each.</summary>
    public const string SpecsByType = nameof(SpecsByType);
}
