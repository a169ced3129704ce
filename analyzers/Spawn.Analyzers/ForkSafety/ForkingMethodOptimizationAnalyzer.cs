using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0106: a method that calls <c>Fork.ForkNp</c> and so continues in the child must not be tiered (docs/design.md, fork hazards 3 and 8).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ForkingMethodOptimizationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SpawnDiagnostics.ForkingMethodWithoutAggressiveOptimization);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ForkSymbols.Create(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var fork = (IInvocationOperation)operation.Operation;
                    if (symbols.IsForkNp(fork.TargetMethod)
                        && EnclosingMethod.Of(fork, operation.ContainingSymbol) is { } method
                        && !AggressiveOptimization.IsMarked(method))
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(
                            SpawnDiagnostics.ForkingMethodWithoutAggressiveOptimization, fork.Syntax.GetLocation(), method.Name));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
