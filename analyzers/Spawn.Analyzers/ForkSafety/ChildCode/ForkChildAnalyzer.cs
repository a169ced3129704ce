using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>
/// The frame of every rule that judges code running in a forked child: resolves the fork API once per
/// compilation, finds each fork's child regions, and reports each location once even when several forks
/// reach the same callee.
/// </summary>
internal abstract class ForkChildAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ForkSymbols.Create(start.Compilation) is not { } symbols)
            {
                return;
            }

            var reported = new ConcurrentDictionary<(string, Location), byte>();
            start.RegisterOperationAction(
                operation =>
                {
                    var fork = (IInvocationOperation)operation.Operation;
                    if (!symbols.IsForkNp(fork.TargetMethod) && !symbols.IsForkWithChildFunction(fork.TargetMethod))
                    {
                        return;
                    }

                    var method = EnclosingMethod.Of(fork, operation.ContainingSymbol);
                    if (method is null)
                    {
                        return;
                    }

                    var walker = new ChildCodeWalker(operation.Compilation);
                    foreach (var region in ChildRegionFinder.Find(fork, symbols, method))
                    {
                        AnalyzeChild(new ChildAnalysisContext(operation, symbols, region, walker, reported));
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>Judges one child region; called once per region of every fork.</summary>
    protected abstract void AnalyzeChild(ChildAnalysisContext context);
}
