using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0103: throw, exception handlers and checked arithmetic in code that runs in a forked child (docs/design.md, fork hazard 4).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildExceptionAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildUsesExceptions);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            if (ExceptionUse(child.Operation) is { } what)
            {
                var location = child.Operation is ITryOperation or IUsingOperation
                    ? child.Operation.Syntax.GetFirstToken().GetLocation()
                    : child.Operation.Syntax.GetLocation();
                context.Report(SpawnDiagnostics.ChildUsesExceptions, location, what);
            }
        }
    }

    private static string? ExceptionUse(IOperation operation) => operation switch
    {
        IThrowOperation => "throw",
        ITryOperation { Catches.Length: > 0, Finally: not null } => "try/catch/finally",
        ITryOperation { Finally: not null } => "try/finally",
        ITryOperation => "try/catch",
        IUsingOperation { IsAsynchronous: false } or IUsingDeclarationOperation { IsAsynchronous: false } => "using (a hidden finally)",
        IBinaryOperation { IsChecked: true } => "Checked arithmetic",
        IIncrementOrDecrementOperation { IsChecked: true } => "Checked arithmetic",
        ICompoundAssignmentOperation { IsChecked: true } => "Checked arithmetic",
        IConversionOperation { IsChecked: true, IsImplicit: false } => "A checked conversion",
        _ => null,
    };
}
