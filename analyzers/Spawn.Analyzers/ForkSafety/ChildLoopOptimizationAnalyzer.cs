using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0105: loops in child code of a method that tiering can replace on the stack (docs/design.md, fork hazards 3 and 8).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildLoopOptimizationAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SpawnDiagnostics.ChildLoopWithoutAggressiveOptimization);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            if (child.Operation is ILoopOperation loop && !AggressiveOptimization.IsMarked(child.Method))
            {
                context.Report(
                    SpawnDiagnostics.ChildLoopWithoutAggressiveOptimization,
                    loop.Syntax.GetFirstToken().GetLocation(),
                    child.Method.Name);
            }
        }
    }
}
