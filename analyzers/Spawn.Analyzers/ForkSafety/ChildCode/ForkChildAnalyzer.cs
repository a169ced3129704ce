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

            // Forks are collected per operation block and judged at its end: the compiler already visits every
            // invocation once, and a diagnostic inside the block stays local to it, which code fixes need.
            start.RegisterOperationBlockStartAction(block =>
            {
                var forks = new ConcurrentQueue<(IInvocationOperation Fork, ISymbol ContainingSymbol)>();
                block.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        if (symbols.IsForkNp(invocation.TargetMethod) || symbols.IsForkWithChildFunction(invocation.TargetMethod))
                        {
                            forks.Enqueue((invocation, operation.ContainingSymbol));
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    var walker = new ChildCodeWalker(end.Compilation, symbols);
                    foreach (var (fork, containingSymbol) in forks)
                    {
                        if (EnclosingMethod.Of(fork, containingSymbol) is not { } method)
                        {
                            continue;
                        }

                        foreach (var region in ChildRegionFinder.Find(fork, symbols, method))
                        {
                            AnalyzeChild(new ChildAnalysisContext(end.ReportDiagnostic, symbols, region, walker, reported));
                        }
                    }
                });
            });
        });
    }

    /// <summary>Judges one child region; called once per region of every fork.</summary>
    protected abstract void AnalyzeChild(ChildAnalysisContext context);
}
