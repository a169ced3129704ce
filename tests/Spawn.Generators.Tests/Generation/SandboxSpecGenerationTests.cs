using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Spawn.Analyzers.Specs;

namespace Spawn.Generators.Tests.Generation;

/// <summary>[Sandbox] in a real build: a wrong member leaves only its SPAWN error, a right one compiles cleanly.</summary>
public sealed class SandboxSpecGenerationTests
{
    [Fact]
    public async Task A_sandbox_member_that_is_a_profile_gets_a_throwing_body_and_only_SPAWN0062()
    {
        const string source = """
            using Spawn; using Spawn.Sandboxing; using Spawn.Specs;

            public static class Profiles
            {
                public static readonly SandboxProfile Jobs = new();
            }

            public static partial class Tools
            {
                [SpawnSpec("/bin/true", SearchPath = false)]
                [Sandbox(typeof(Profiles), nameof(Profiles.Jobs))]
                public static partial ExitStatus Run();
            }
            """;
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Contains("is invalid: see SPAWN0062", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers([new SpawnSpecAnalyzer()])
            .GetAllDiagnosticsAsync();

        Assert.Equal(["SPAWN0062"], diagnostics.Select(diagnostic => diagnostic.Id));
    }

    [Fact]
    public async Task A_sandbox_in_a_static_member_of_a_nested_type_compiles_without_diagnostics()
    {
        const string source = """
            using Spawn; using Spawn.Sandboxing; using Spawn.Specs; using Spawn.Streams;

            public static partial class Outer
            {
                internal static class Profiles
                {
                    internal static Sandbox? @event { get; set; }
                }

                public static partial class Tools
                {
                    [SpawnSpec("/bin/sh", "-c", "echo \"$1\"", "sh", "{text}", SearchPath = false)]
                    [StandardOutput(Redirect.Null)]
                    [RemoveEnvironment("HOME")]
                    [Sandbox(typeof(Profiles), nameof(Profiles.@event))]
                    public static partial int Run(string text);
                }
            }
            """;
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        string generated = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.Contains("SpecSandbox.Require(global::Outer.Profiles.@event, \"Outer.Profiles.event\")", generated, StringComparison.Ordinal);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers([new SpawnSpecAnalyzer()])
            .GetAllDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }
}
