using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// Generator time for 1,000 [SpawnSpec] methods in one compilation, cold and after a
/// one-character edit elsewhere; prints both and checks the edit reuses every cached spec.
/// </summary>
public sealed class GeneratorBenchmarkTests(ITestOutputHelper output)
{
    private const int Types = 100;
    private const int MethodsPerType = 10;

    [Fact]
    public void Thousand_specs_cold_and_after_a_one_character_edit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ThousandSpecs());
        SyntaxTree unrelated = CSharpSyntaxTree.ParseText("namespace Bench; internal static class Settings { internal const int Value = 1; }", GeneratorHarness.ParseOptions);
        compilation = compilation.AddSyntaxTrees(unrelated);

        Stopwatch cold = Stopwatch.StartNew();
        (GeneratorDriver driver, _, GeneratorRunResult first) = GeneratorHarness.Run(compilation);
        cold.Stop();
        Assert.Equal(Types, first.GeneratedSources.Length);

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(unrelated.GetText().Replace(unrelated.ToString().IndexOf('1', StringComparison.Ordinal), 1, "2")));
        Stopwatch warm = Stopwatch.StartNew();
        (GeneratorDriver editedDriver, _, GeneratorRunResult second) = GeneratorHarness.Run(edited, driver);
        warm.Stop();

        output.WriteLine($"1,000 [SpawnSpec] methods in {Types} types: cold {cold.Elapsed.TotalMilliseconds:F0} ms, after a one-character edit {warm.Elapsed.TotalMilliseconds:F0} ms (wall clock, with the compilation update)");
        // The machine may be shared: the load says how much of the wall clock was ours.
        output.WriteLine($"  load average (1, 5, 15 min): {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        foreach ((string name, GeneratorDriver run, GeneratorRunResult result) in new[] { ("cold", driver, first), ("edit", editedDriver, second) })
        {
            string steps = string.Join(", ", result.TrackedSteps.Select(step => $"{step.Key} {step.Value.Sum(tracked => tracked.ElapsedTime.TotalMilliseconds):F0} ms"));
            output.WriteLine($"  {name}: generator {run.GetTimingInfo().ElapsedTime.TotalMilliseconds:F0} ms; {steps}");
        }
        output.WriteLine($"  baseline: binding the same methods and their attributes in a fresh compilation takes {BindingBaseline(edited).TotalMilliseconds:F0} ms");
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            outputStep => Assert.Equal(IncrementalStepRunReason.Cached, outputStep.Reason));
    }

    // What Roslyn itself spends to give the generator its symbols: the floor of the parse step.
    private static TimeSpan BindingBaseline(CSharpCompilation compilation)
    {
        CSharpCompilation fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
        Stopwatch binding = Stopwatch.StartNew();
        foreach (SyntaxTree tree in fresh.SyntaxTrees)
        {
            SemanticModel model = fresh.GetSemanticModel(tree);
            foreach (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                IMethodSymbol symbol = model.GetDeclaredSymbol(method)!;
                foreach (AttributeData attribute in symbol.GetAttributes())
                {
                    Assert.NotNull(attribute.AttributeClass);
                }

                Assert.NotNull(symbol.ReturnType);
            }
        }

        return binding.Elapsed;
    }

    private static string ThousandSpecs()
    {
        StringBuilder source = new("using Spawn;\nusing Spawn.Specs;\nnamespace Bench;\n");
        for (int type = 0; type < Types; type++)
        {
            source.Append("public static partial class Tools").Append(type).Append("\n{\n");
            for (int method = 0; method < MethodsPerType; method++)
            {
                source.Append("    [SpawnSpec(\"git\", \"-C\", \"{repo}\", \"log\", \"-n\", \"{count}\", \"--format=%H\")]\n")
                    .Append("    [SetEnvironment(\"GIT_PAGER\", \"cat\")]\n")
                    .Append("    [StandardError(Redirect.Null)]\n")
                    .Append("    public static partial ExitStatus Log").Append(method).Append("(string repo, int count);\n");
            }

            source.Append("}\n");
        }

        return source.ToString();
    }
}
