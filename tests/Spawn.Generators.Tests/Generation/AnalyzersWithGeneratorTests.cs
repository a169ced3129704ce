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
            using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

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
    public async Task An_invalid_spec_gets_a_throwing_body_so_the_build_shows_only_the_SPAWN_error()
    {
        const string source = """
            using Spawn; using Spawn.Specs;

            public static partial class Tools
            {
                [SpawnSpec("/bin/sh", "-c", "read -r line < /proc/self/cgroup; echo ${line#0::}", SearchPath = false)]
                public static partial ExitStatus Braces(out int count, ref string text);
            }
            """;
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Contains("throw new global::System.InvalidOperationException(\"[SpawnSpec] on Tools.Braces is invalid: see SPAWN0006, SPAWN0016\")", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers([new SpawnSpecAnalyzer()])
            .GetAllDiagnosticsAsync();

        // No CS8795 (no body), no CS0177 (out parameter not assigned): the SPAWN errors alone.
        Assert.Equal(["SPAWN0006", "SPAWN0006", "SPAWN0016"], diagnostics.Select(diagnostic => diagnostic.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_spec_no_body_can_complete_gets_none()
    {
        const string source = """
            using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

            public static class Tools
            {
                [SpawnSpec("true")]
                public static partial ExitStatus InNonPartialType();
            }
            """;
        (_, _, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(run.GeneratedSources);
    }
}
