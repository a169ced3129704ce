using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Spawn.Analyzers.Specs;

namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// The analyzers see a spec after the generator gave it a body, as in a real build: the generated
/// part's attributes must not hide the user's spec from them.
/// </summary>
public sealed class AnalyzersWithGeneratorTests
{
    [Fact]
    public async Task A_generated_spec_still_gets_its_warnings()
    {
        const string source = """
            using Spawn;

            public static partial class Tools
            {
                [SpawnSpec("/bin/sh", "-c", "exit \"$0\"", "{code}", SearchPath = false)]
                public static partial ExitStatus ExitWith(int code, int unused);
            }
            """;
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Single(run.GeneratedSources);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers([new SpawnSpecAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();

        Diagnostic unused = Assert.Single(diagnostics);
        Assert.Equal("SPAWN0005", unused.Id);
        Assert.Equal("Specs.cs", unused.Location.SourceTree?.FilePath);
    }

    [Fact]
    public async Task A_spec_the_generator_skips_is_always_reported()
    {
        const string source = """
            using Spawn;

            public static partial class Tools
            {
                [SpawnSpec("/bin/sh", "-c", "read -r line < /proc/self/cgroup; echo ${line#0::}", SearchPath = false)]
                public static partial ExitStatus Braces();
            }
            """;
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Empty(run.GeneratedSources);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers([new SpawnSpecAnalyzer()])
            .GetAllDiagnosticsAsync();

        Assert.Contains(diagnostics, d => d.Id.StartsWith("SPAWN", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
    }
}
