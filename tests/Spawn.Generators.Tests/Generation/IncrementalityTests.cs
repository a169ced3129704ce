using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Spawn.Generators.Tests.Generation;

/// <summary>The pipeline does no work again when nothing a spec depends on changed.</summary>
public sealed class IncrementalityTests
{
    private const string Specs = """
        using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;
        namespace Demo;
        public static partial class Tools
        {
            [SpawnSpec("git", "-C", "{repo}", "status")]
            public static partial ExitStatus Status(string repo);
        }
        public static partial class Other
        {
            [SpawnSpec("true")]
            public static partial int True();

            [SpawnSpec("echo", "{missing}")]
            public static partial int Invalid();
        }
        """;

    private static readonly string[] Steps = [TrackingNames.ParsedSpecs, TrackingNames.EmittedSpecs, TrackingNames.AllSpecs, TrackingNames.SpecsByType];

    [Fact]
    public void A_second_run_on_the_same_compilation_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Specs);
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(compilation);

        (_, _, GeneratorRunResult second) = GeneratorHarness.Run(compilation.Clone(), driver);

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Specs);
        (GeneratorDriver driver, _, GeneratorRunResult first) = GeneratorHarness.Run(compilation);
        Assert.Equal(2, first.GeneratedSources.Length);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; internal static class Unrelated { internal const int Answer = 42; }", GeneratorHarness.ParseOptions));
        (_, _, GeneratorRunResult second) = GeneratorHarness.Run(edited, driver);

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_one_spec_regenerates_only_its_type()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Specs);
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(Specs.IndexOf("status", StringComparison.Ordinal), "status".Length, "diff")));
        (_, _, GeneratorRunResult second) = GeneratorHarness.Run(edited, driver);

        IncrementalStepRunReason[] byType = [.. second.TrackedSteps[TrackingNames.SpecsByType].SelectMany(step => step.Outputs).Select(output => output.Reason)];
        Assert.Equal(1, byType.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, byType.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    private static void AssertNothingRecomputed(GeneratorRunResult run)
    {
        foreach (string step in Steps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach ((object _, IncrementalStepRunReason reason) in run.TrackedSteps[step].SelectMany(tracked => tracked.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} output was {reason}");
            }
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {output.Reason}"));
    }
}
