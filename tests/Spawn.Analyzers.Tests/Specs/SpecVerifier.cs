using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Spawn.Specs;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>
/// Runs a spec analyzer (and a fix) over code compiled against the real runtime. Compiler
/// diagnostics are not checked: without the generator, every partial method lacks its body.
/// </summary>
internal static class SpecVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private const string Usings = "using System;\nusing System.Diagnostics;\nusing System.IO;\nusing System.Threading.Tasks;\nusing Spawn;\nusing Spawn.Cgroups;\nusing Spawn.Specs;\nusing Spawn.Streams;\n\n";

    /// <summary>The markup (<c>{|SPAWN0004:...|}</c>) of <paramref name="source"/> names every expected diagnostic.</summary>
    public static Task VerifyAnalyzerAsync(string source, bool allowUnsafe = true)
    {
        CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> test = new() { TestCode = Usings + source };
        Prepare(test, allowUnsafe);
        return test.RunAsync();
    }

    public static Task VerifyCodeFixAsync<TCodeFix>(string source, string fixedSource, int codeActionIndex = 0)
        where TCodeFix : CodeFixProvider, new()
    {
        CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> test = new()
        {
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
            CodeActionIndex = codeActionIndex,
        };
        Prepare(test, allowUnsafe: true);
        return test.RunAsync();
    }

    private static void Prepare<TVerifier>(AnalyzerTest<TVerifier> test, bool allowUnsafe)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(NetReferences.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SpawnSpecAttribute).Assembly.Location));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            CSharpCompilationOptions options = ((CSharpCompilationOptions)project.CompilationOptions!).WithAllowUnsafe(allowUnsafe);
            CSharpParseOptions parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            return solution.WithProjectCompilationOptions(projectId, options).WithProjectParseOptions(projectId, parseOptions);
        });
    }
}
