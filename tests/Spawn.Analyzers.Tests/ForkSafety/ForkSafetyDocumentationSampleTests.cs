using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Spawn.Analyzers.Tests.ForkSafety;

/// <summary>
/// docs/fork-safety.md shows a deliberately wrong fork and the diagnostics it gets: the sample must
/// compile, and the listed diagnostics must be exactly what the rules report.
/// </summary>
public sealed class ForkSafetyDocumentationSampleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_wrong_sample_gets_exactly_the_documented_diagnostics()
    {
        var page = File.ReadAllLines(DocsPage());
        var documented = Blocks(page, "```text")[0];

        var reported = await AnalyzeAsync(Blocks(page, "```csharp")[0]);
        reported.ForEach(output.WriteLine);

        Assert.Equal(documented, reported);
    }

    [Fact]
    public async Task The_safe_sample_gets_no_diagnostic()
    {
        var page = File.ReadAllLines(DocsPage());

        Assert.Empty(await AnalyzeAsync(Blocks(page, "```csharp")[1]));
    }

    private static async Task<List<string>> AnalyzeAsync(List<string> sampleLines)
    {
        var sample = string.Join("\n", sampleLines);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Sample",
            [
                CSharpSyntaxTree.ParseText(sample, parseOptions, "Worker.cs"),
                CSharpSyntaxTree.ParseText(ForkRuntimeStub.Source, parseOptions, ForkRuntimeStub.FileName),
            ],
            NetReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(ForkSafetyCorpusTests.ForkAnalyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.GetMessage(CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .Select(Format)
            .ToList();
    }

    private static string Format(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"({start.Line + 1},{start.Character + 1}) {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The lines of each fenced block that opens with <paramref name="fence"/>, in order.</summary>
    private static List<List<string>> Blocks(string[] page, string fence)
    {
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in page)
        {
            if (current is null && line == fence)
            {
                current = [];
            }
            else if (current is not null && line == "```")
            {
                blocks.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return blocks;
    }

    private static string DocsPage([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "..", "docs", "fork-safety.md"));
}
