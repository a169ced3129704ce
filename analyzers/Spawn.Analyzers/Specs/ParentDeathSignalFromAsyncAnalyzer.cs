using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Specs.Parsing;

namespace Spawn.Analyzers.Specs;

/// <summary>
/// SPAWN0044 (warning): a <c>[SpawnSpec]</c> method with <c>[ParentDeathSignal]</c> called from an
/// <c>async</c> method, lambda or local function. <c>PR_SET_PDEATHSIG</c> fires when the spawning
/// thread ends, and after an <c>await</c> that thread is a pool thread the pool may retire.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParentDeathSignalFromAsyncAnalyzer : DiagnosticAnalyzer
{
    private const string ParentDeathSignalAttributeName = "Spawn.Specs.ParentDeathSignalAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ParentDeathSignalFromAsync);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SpecParser.SpawnSpecAttributeName) is not { } spec
                || start.Compilation.GetTypeByMetadataName(ParentDeathSignalAttributeName) is not { } parentDeath)
            {
                return;
            }

            start.RegisterOperationAction(operation => Analyze(operation, spec, parentDeath), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol spec, INamedTypeSymbol parentDeath)
    {
        IInvocationOperation invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol target = invocation.TargetMethod.PartialDefinitionPart ?? invocation.TargetMethod;
        ImmutableArray<AttributeData> attributes = target.GetAttributes();
        if (!attributes.Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, spec))
            || !attributes.Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, parentDeath))
            || !InAsyncCode(invocation.Syntax))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(SpawnDiagnostics.ParentDeathSignalFromAsync, invocation.Syntax.GetLocation(), target.Name));
    }

    // The innermost function around the call decides which thread runs it.
    private static bool InAsyncCode(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
