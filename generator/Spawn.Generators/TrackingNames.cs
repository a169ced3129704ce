namespace Spawn.Generators;

/// <summary>
/// Names of the pipeline's steps (<c>WithTrackingName</c>), so that a test can ask a
/// <c>GeneratorDriver</c> run with step tracking on whether an unrelated edit left each one cached.
/// </summary>
public static class TrackingNames
{
    /// <summary>Each [SpawnSpec] method parsed into a model (null when no body can compile for it).</summary>
    public const string ParsedSpecs = nameof(ParsedSpecs);

    /// <summary>The methods that get a body: valid specs, and invalid ones whose body throws.</summary>
    public const string EmittedSpecs = nameof(EmittedSpecs);

    /// <summary>Every emitted method, gathered.</summary>
    public const string AllSpecs = nameof(AllSpecs);

    /// <summary>The methods grouped by containing type, one generated file each.</summary>
    public const string SpecsByType = nameof(SpecsByType);
}
