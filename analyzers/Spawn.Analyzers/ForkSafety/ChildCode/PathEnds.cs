using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>Whether every path through a statement ends in a statement of a given kind.</summary>
internal static class PathEnds
{
    /// <summary>Every path returns or throws (the parent's branch of the early-return shape).</summary>
    public static bool AlwaysLeaves(IOperation statement) =>
        EveryPathEndsIn(statement, s => s is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation });

    /// <summary>Every path through <paramref name="statement"/> reaches a statement for which <paramref name="isEnd"/> holds.</summary>
    public static bool EveryPathEndsIn(IOperation statement, Func<IOperation, bool> isEnd) => statement switch
    {
        _ when isEnd(statement) => true,
        IBlockOperation block => block.Operations.Any(s => EveryPathEndsIn(s, isEnd)),
        IConditionalOperation conditional => conditional.WhenFalse is not null
            && EveryPathEndsIn(conditional.WhenTrue, isEnd) && EveryPathEndsIn(conditional.WhenFalse, isEnd),
        ILabeledOperation { Operation: { } labeled } => EveryPathEndsIn(labeled, isEnd),
        IUsingOperation @using => EveryPathEndsIn(@using.Body, isEnd),
        ILockOperation @lock => EveryPathEndsIn(@lock.Body, isEnd),
        ITryOperation @try => EveryPathEndsIn(@try.Body, isEnd) && @try.Catches.All(c => EveryPathEndsIn(c.Handler, isEnd)),
        ISwitchOperation @switch => @switch.Cases.Any(c => c.Clauses.Any(k => k.CaseKind == CaseKind.Default))
            && @switch.Cases.All(c => c.Body.Any(s => EveryPathEndsIn(s, isEnd))),
        _ => false,
    };
}
