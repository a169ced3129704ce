using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Spawn.Analyzers.Diagnostics;
using Spawn.Specs.Parsing;

namespace Spawn.Analyzers.Specs;

/// <summary>
/// Reports the problems of every <c>[SpawnSpec]</c> method (SPAWN0001-SPAWN0020 but SPAWN0019, the terminal rules SPAWN0030-SPAWN0033, the stop rules SPAWN0040-SPAWN0043, the pipeline rules SPAWN0050-SPAWN0054 and the sandbox rules SPAWN0060-SPAWN0062). One analyzer
/// for all spec rules because one parse finds them all: the same <see cref="SpecParser"/> the
/// generator runs, so a spec it reports is exactly a spec the generator skips.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpawnSpecAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The key of a diagnostic's property naming the placeholder or parameter a code fix acts on.</summary>
    public const string SubjectProperty = "Subject";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.SpecRules);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // The generator's implementation part carries [GeneratedCode], and a partial method's
        // attributes merge: without these flags the compiler would take every generated spec for
        // generated code and never show its problems.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SpecParser.SpawnSpecAttributeName) is not { } specAttribute)
            {
                return;
            }

            bool allowUnsafe = start.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
            start.RegisterSymbolAction(symbol => Analyze(symbol, specAttribute, allowUnsafe), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol specAttribute, bool allowUnsafe)
    {
        IMethodSymbol method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            return; // the generator's body: the user's declaration is analyzed on its own
        }

        AttributeData? spec = method.GetAttributes().FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, specAttribute));
        if (spec is null)
        {
            return;
        }

        foreach (SpecProblem problem in SpecParser.Parse(method, spec, allowUnsafe, context.CancellationToken).Problems)
        {
            ImmutableDictionary<string, string?> properties = problem.Subject is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(SubjectProperty, problem.Subject);
            context.ReportDiagnostic(Diagnostic.Create(SpawnDiagnostics.For(problem.Kind), problem.Location, properties, [.. problem.Arguments]));
        }
    }
}
