using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;
using Spawn.Specs;

namespace Spawn.Generators.Tests.Generation;

/// <summary>Compiles C# against the runtime and runs <see cref="SpawnSpecGenerator"/> on it, as the compiler would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Compile(string source, bool allowUnsafe = true) =>
        CSharpCompilation.Create(
            "Specs",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Specs.cs")],
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new SpawnSpecGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the driver (for reruns), the compilation with the generated files, and the run.</summary>
    public static (GeneratorDriver Driver, Compilation Output, GeneratorRunResult Run) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver, output, driver.GetRunResult().Results.Single());
    }

    // The running framework's assemblies plus the runtime (Spawn.dll).
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                           || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll")
            .Append(typeof(SpawnSpecAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
