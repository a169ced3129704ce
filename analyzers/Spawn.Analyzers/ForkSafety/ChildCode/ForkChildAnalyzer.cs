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
            // Analyzing whole bodies keeps every diagnostic in the forking method local to the analyzed operation,
            // which code fixes need.
            start.RegisterOperationAction(
                body =>
                {
                    var walker = new ChildCodeWalker(body.Compilation, symbols);
                    foreach (var fork in body.Operation.Descendants().OfType<IInvocationOperation>())
                    {
                        if ((symbols.IsForkNp(fork.TargetMethod) || symbols.IsForkWithChildFunction(fork.TargetMethod))
                            && EnclosingMethod.Of(fork, body.ContainingSymbol) is { } method)
                        {
                            foreach (var region in ChildRegionFinder.Find(fork, symbols, method))
                            {
                                AnalyzeChild(new ChildAnalysisContext(body, symbols, region, walker, reported));
                            }
                        }
                    }
                },
                OperationKind.MethodBody,
                OperationKind.ConstructorBody);
        });
    }

    /// <summary>Judges one child region; called once per region of every fork.</summary>
    protected abstract void AnalyzeChild(ChildAnalysisContext context);
}
