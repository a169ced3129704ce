using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Spawn.Analyzers.ForkSafety;
using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Spawn.Forking;
using Xunit.Abstractions;
using Xunit;

namespace Spawn.Analyzers.Tests.ForkSafety;

/// <summary>
/// Runs every fork-safety rule over the corpus of unsafe and safe children: each unsafe child must trigger
/// exactly the rules it names, each safe child none. The corpus compiles once against the contract's stub
/// and once against the real runtime assembly, so the rules are known to work against both.
/// </summary>
public sealed class ForkSafetyCorpusTests(ITestOutputHelper output)
{
    private const int MinimumUnsafe = 40;
    private const int MinimumSafe = 20;

    internal static readonly ImmutableArray<DiagnosticAnalyzer> ForkAnalyzers =
    [
        .. typeof(ChildAllocationAnalyzer).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ChildAllocationAnalyzer).Namespace && !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    [Theory]
    [InlineData(ForkApi.Stub)]
    [InlineData(ForkApi.Runtime)]
    public async Task Every_unsafe_child_triggers_its_rules_and_every_safe_child_none(ForkApi api)
    {
        var runtime = api == ForkApi.Stub ? StubRuntime : RealRuntime;
        var unsafeChildren = CorpusEntry.ReadAll(CorpusPath("UnsafeChildren.txt"));
        var safeChildren = CorpusEntry.ReadAll(CorpusPath("SafeChildren.txt"));
        var mismatches = new List<string>();
        foreach (var entry in unsafeChildren.Concat(safeChildren))
        {
            var actual = await AnalyzeAsync(runtime, entry);
            var ids = actual.Select(d => d.Id).ToImmutableHashSet();
            if (!ids.SetEquals(entry.ExpectedIds))
            {
                mismatches.Add($"{entry.Name}: expected [{string.Join(", ", entry.ExpectedIds.Order())}], got [{string.Join(", ", ids.Order())}]: "
                    + string.Join(" | ", actual.Where(d => !entry.ExpectedIds.Contains(d.Id)).Select(d => d.GetMessage(CultureInfo.InvariantCulture))));
            }
        }

        var unsafeFlagged = unsafeChildren.Length - unsafeChildren.Count(e => mismatches.Any(m => m.StartsWith(e.Name + ":", StringComparison.Ordinal)));
        var safeQuiet = safeChildren.Length - safeChildren.Count(e => mismatches.Any(m => m.StartsWith(e.Name + ":", StringComparison.Ordinal)));
        output.WriteLine($"fork API: {api}");
        output.WriteLine($"unsafe children flagged by exactly their rules: {unsafeFlagged} of {unsafeChildren.Length}");
        output.WriteLine($"safe children with no diagnostic: {safeQuiet} of {safeChildren.Length}");
        mismatches.ForEach(output.WriteLine);

        Assert.True(unsafeChildren.Length >= MinimumUnsafe, $"the corpus needs at least {MinimumUnsafe} unsafe children");
        Assert.True(safeChildren.Length >= MinimumSafe, $"the corpus needs at least {MinimumSafe} safe children");
        Assert.Empty(mismatches);
    }

    // Every entry compiles against the same references: deriving from one compilation binds them once.
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true);

    private static readonly CSharpCompilation StubRuntime = CSharpCompilation.Create(
        "Corpus",
        [CSharpSyntaxTree.ParseText(ForkRuntimeStub.Source, ParseOptions, ForkRuntimeStub.FileName)],
        NetReferences.All,
        Options);

    // The corpus is fork code on purpose: it acknowledges the managed child's residual risk (SPAWN0109).
    private static readonly CSharpCompilation RealRuntime = CSharpCompilation.Create(
        "Corpus",
        [],
        [.. NetReferences.All, MetadataReference.CreateFromFile(typeof(global::Spawn.Forking.Fork).Assembly.Location)],
        Options.WithSpecificDiagnosticOptions([new("SPAWN0109", ReportDiagnostic.Suppress)]));

    /// <summary>Which declaration of the fork API the corpus compiles against.</summary>
    public enum ForkApi
    {
        Stub,
        Runtime,
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation runtime, CorpusEntry entry)
    {
        var compilation = runtime.AddSyntaxTrees(CSharpSyntaxTree.ParseText(entry.Program, ParseOptions, "Child.cs"));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{entry.Name} does not compile: {string.Join("; ", errors)}");
        return await compilation.WithAnalyzers(ForkAnalyzers).GetAnalyzerDiagnosticsAsync();
    }

    private static string CorpusPath(string file, [CallerFilePath] string testFile = "") =>
        Path.Combine(Path.GetDirectoryName(testFile)!, "Corpus", file);
}
