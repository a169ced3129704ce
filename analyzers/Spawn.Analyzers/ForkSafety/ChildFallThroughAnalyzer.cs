using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>
/// SPAWN0107: a child branch after <c>ForkNp</c> that can be left other than through <c>ForkChild.Exit</c> or a
/// successful exec (docs/design.md, fork hazard 7). Reports the first <c>return</c> or <c>break</c> that leaves the branch, else its end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildFallThroughAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildFallsThrough);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        var region = context.Region;
        if (!region.MustEndInExit)
        {
            return;
        }

        var (ends, exit) = Paths(region.Statements, region, context.Symbols);
        if (exit is not null)
        {
            context.Report(SpawnDiagnostics.ChildFallsThrough, exit.Syntax.GetLocation(), exit is IReturnOperation ? "return" : "break out of its branch");
        }
        else if (!ends)
        {
            context.Report(SpawnDiagnostics.ChildFallsThrough, region.End, "reach the end of its branch");
        }
    }

    /// <summary>
    /// Follows the statements in order: whether every path ends in an exit (or a throw, which SPAWN0103
    /// reports), and the first <c>return</c> or <c>break</c> that leaves the region on some path.
    /// </summary>
    private static (bool Ends, IOperation? Exit) Paths(IEnumerable<IOperation> statements, ChildRegion region, ForkSymbols symbols)
    {
        foreach (var statement in statements)
        {
            var (ends, exit) = Paths(statement, region, symbols);
            if (exit is not null || ends)
            {
                return (ends, exit);
            }
        }

        return (false, null);
    }

    private static (bool Ends, IOperation? Exit) Paths(IOperation statement, ChildRegion region, ForkSymbols symbols)
    {
        switch (statement)
        {
            case IExpressionStatementOperation { Operation: IInvocationOperation invocation }:
                return (EndsProcess(invocation.TargetMethod, symbols), null);
            case IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }:
                return (true, null);
            case IReturnOperation { IsImplicit: false }:
                return (true, statement);
            case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } branch when LeavesRegion(branch, region):
                return (true, statement);
            case IBlockOperation block:
                return Paths(block.Operations, region, symbols);
            case IConditionalOperation conditional:
                var whenTrue = Paths(conditional.WhenTrue, region, symbols);
                if (whenTrue.Exit is not null || conditional.WhenFalse is null)
                {
                    return (false, whenTrue.Exit);
                }

                var whenFalse = Paths(conditional.WhenFalse, region, symbols);
                return (whenTrue.Ends && whenFalse.Ends, whenFalse.Exit);
            case ILoopOperation loop:
                return (false, Paths(loop.Body, region, symbols).Exit);
            case ITryOperation @try:
                return Paths(@try.Body, region, symbols);
            case IUsingOperation @using:
                return Paths(@using.Body, region, symbols);
            case ILockOperation @lock:
                return Paths(@lock.Body, region, symbols);
            case ILabeledOperation { Operation: { } labeled }:
                return Paths(labeled, region, symbols);
            case ISwitchOperation @switch:
                var all = true;
                foreach (var section in @switch.Cases)
                {
                    var paths = Paths(section.Body, region, symbols);
                    if (paths.Exit is not null)
                    {
                        return (false, paths.Exit);
                    }

                    all &= paths.Ends;
                }

                return (all && @switch.Cases.Any(c => c.Clauses.Any(k => k.CaseKind == CaseKind.Default)), null);
            default:
                return (false, null);
        }
    }

    /// <summary><c>ForkChild.Exit</c>, a safe method that never returns, or a void exec (one returning an errno returns on failure).</summary>
    private static bool EndsProcess(IMethodSymbol method, ForkSymbols symbols) =>
        symbols.IsDeclaredSafe(method)
        && (method.Name == "Exit"
            || ForkSymbols.HasAttribute(method, symbols.DoesNotReturnAttribute)
            || (method.Name.StartsWith("Exec", StringComparison.Ordinal) && method.ReturnsVoid));

    /// <summary>A break or continue whose loop or switch encloses the region rather than lying inside it.</summary>
    private static bool LeavesRegion(IBranchOperation branch, ChildRegion region)
    {
        for (IOperation? current = branch; current is not null; current = current.Parent)
        {
            if (current != branch && (current is ILoopOperation || (current is ISwitchOperation && branch.BranchKind == BranchKind.Break)))
            {
                return false;
            }

            if (region.Statements.Contains(current))
            {
                return true;
            }
        }

        return true;
    }
}
