using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;
using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Spawn.Forking;
using Xunit;

namespace Spawn.Analyzers.Tests.ForkSafety;

/// <summary>
/// The managed fork child ships behind an explicit opt-in: against the real Spawn.dll, a call of
/// <c>Fork.ForkNp</c> or <c>Fork.Run</c> is compile error SPAWN0109 until the caller suppresses it.
/// </summary>
public sealed class ManagedChildAcknowledgementTests
{
    private const string Program = """
        using System.Runtime.CompilerServices;
        using Spawn; using Spawn.Forking;

        static class Worker
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            static int Child(ref int state) => state;

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            static void Start()
            {
                var args = new ForkNpArgs { Flags = ForkNpFlags.PidFd };
                if (Fork.ForkNp(ref args) == 0)
                    ForkChild.Exit(0);
                int state = 3;
                using PidFd child = Fork.Run(Child, ref state);
            }
        }
        """;

    [Fact]
    public void Each_use_is_an_error_that_names_the_risk_and_links_its_page()
    {
        var errors = Compile(acknowledged: false)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.Equal(["SPAWN0109", "SPAWN0109"], errors.Select(d => d.Id));
        Assert.All(errors, error =>
        {
            Assert.Contains("SpawnFileActions", error.GetMessage(), StringComparison.Ordinal);
            Assert.EndsWith("/docs/rules/SPAWN0109.md", error.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Suppressing_SPAWN0109_acknowledges_the_risk()
    {
        Assert.DoesNotContain(Compile(acknowledged: true), d => d.Severity == DiagnosticSeverity.Error);
    }

    private static IEnumerable<Diagnostic> Compile(bool acknowledged) =>
        CSharpCompilation.Create(
                "Acknowledgement",
                [CSharpSyntaxTree.ParseText(Program, new CSharpParseOptions(LanguageVersion.Latest))],
                [.. NetReferences.All, MetadataReference.CreateFromFile(typeof(global::Spawn.Forking.Fork).Assembly.Location)],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true)
                    .WithSpecificDiagnosticOptions(acknowledged ? [new("SPAWN0109", ReportDiagnostic.Suppress)] : []))
            .GetDiagnostics();
}
