using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Spawn.Analyzers.Tests.ForkSafety.Infrastructure;

/// <summary>Runs one fork rule (and its fix) over test code compiled with the fork API stub, unsafe code allowed.</summary>
internal static class ForkSafetyVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The markup of <paramref name="source"/> (<c>{|SPAWN0100:...|}</c>) names every expected diagnostic.</summary>
    public static Task VerifyAnalyzerAsync(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        Prepare(test);
        return test.RunAsync();
    }

    public static Task VerifyCodeFixAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        Prepare(test);
        test.FixedState.Sources.Add((ForkRuntimeStub.FileName, ForkRuntimeStub.Source));
        return test.RunAsync();
    }

    private static void Prepare<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(NetReferences.All);
        test.TestState.Sources.Add((ForkRuntimeStub.FileName, ForkRuntimeStub.Source));
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithAllowUnsafe(true);
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            return solution.WithProjectCompilationOptions(projectId, options).WithProjectParseOptions(projectId, parseOptions);
        });
    }
}
