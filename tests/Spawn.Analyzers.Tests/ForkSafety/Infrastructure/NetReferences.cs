using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.Tests.ForkSafety.Infrastructure;

/// <summary>
/// The assemblies of the running .NET, as references for test compilations: no reference pack is downloaded,
/// so the tests run offline and against the framework the analyzers' users have.
/// </summary>
internal static class NetReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. trusted
            .Where(path => Path.GetFullPath(Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar) == runtimeDirectory)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
