using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>
/// Finds the code a fork runs in its child: the branch taken when <c>ForkNp</c> returned 0
/// (<c>if (pid == 0) {...}</c>, <c>if (pid != 0) return; ...</c>, <c>switch (pid) { case 0: ... }</c>),
/// or the method a function-pointer overload runs in the child.
/// </summary>
internal static class ChildRegionFinder
{
    public static ImmutableArray<ChildRegion> Find(IInvocationOperation fork, ForkSymbols symbols, IMethodSymbol containingMethod)
    {
        if (symbols.IsForkNp(fork.TargetMethod))
        {
            return FindBranches(fork, containingMethod);
        }

        return symbols.IsForkWithChildFunction(fork.TargetMethod) ? FindChildFunctions(fork) : ImmutableArray<ChildRegion>.Empty;
    }

    private static ImmutableArray<ChildRegion> FindBranches(IInvocationOperation fork, IMethodSymbol method)
    {
        var pid = AssignedLocal(fork);
        var root = RootOf(fork);
        var regions = ImmutableArray.CreateBuilder<ChildRegion>();
        foreach (var operation in root.Descendants())
        {
            if (operation.Syntax.SpanStart < fork.Syntax.SpanStart && !IsAncestorOf(operation, fork))
            {
                continue;
            }

            switch (operation)
            {
                case IConditionalOperation { Parent: IBlockOperation or ISwitchCaseOperation or IConditionalOperation } conditional
                    when conditional.Type is null && ChildWhen(conditional.Condition, pid, fork) is { } childWhenTrue:
                    if (BranchRegion(conditional, childWhenTrue, method) is { } branch)
                    {
                        regions.Add(branch);
                    }

                    break;
                case ISwitchOperation @switch when TestsPid(@switch.Value, pid, fork):
                    foreach (var section in @switch.Cases)
                    {
                        if (section.Clauses.Any(IsZeroClause))
                        {
                            regions.Add(new ChildRegion(section.Body, method, mustEndInExit: true, section.Syntax.GetLocation()));
                        }
                    }

                    break;
            }
        }

        return regions.ToImmutable();
    }

    private static ImmutableArray<ChildRegion> FindChildFunctions(IInvocationOperation fork)
    {
        var regions = ImmutableArray.CreateBuilder<ChildRegion>();
        foreach (var argument in fork.Arguments)
        {
            if (argument.Parameter is null || !ForkSymbols.IsChildFunctionParameter(argument.Parameter))
            {
                continue;
            }

            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAnonymousFunctionOperation lambda:
                        regions.Add(new ChildRegion(ImmutableArray.Create<IOperation>(lambda.Body), lambda.Symbol, mustEndInExit: false, lambda.Syntax.GetLocation()));
                        break;
                    case IMethodReferenceOperation reference when BodyOf(reference) is { } body:
                        var child = reference.Method.PartialImplementationPart ?? reference.Method;
                        regions.Add(new ChildRegion(ImmutableArray.Create(body), child, mustEndInExit: false, body.Syntax.GetLocation()));
                        break;
                }
            }
        }

        return regions.ToImmutable();
    }

    private static IOperation? BodyOf(IMethodReferenceOperation reference)
    {
        var method = reference.Method.PartialImplementationPart ?? reference.Method;
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not BaseMethodDeclarationSyntax declaration
            || reference.SemanticModel?.Compilation is not { } compilation
            || !compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return null;
        }

#pragma warning disable RS1030 // The child function may live in another file: its operations need that file's model.
        return compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration);
#pragma warning restore RS1030
    }

    /// <summary>The child's part of an <c>if</c> on the pid, or null when it has none this analysis can name.</summary>
    private static ChildRegion? BranchRegion(IConditionalOperation conditional, bool childWhenTrue, IMethodSymbol method)
    {
        var branch = childWhenTrue ? conditional.WhenTrue : conditional.WhenFalse;
        if (branch is not null)
        {
            return new ChildRegion(Statements(branch), method, mustEndInExit: true, EndOf(branch));
        }

        // Early-return shape: "if (pid != 0) return ...;" leaves the rest of the block to the child.
        if (conditional.Parent is IBlockOperation block && PathEnds.AlwaysLeaves(conditional.WhenTrue))
        {
            var rest = block.Operations.SkipWhile(o => o != conditional).Skip(1).ToImmutableArray();
            return new ChildRegion(rest, method, mustEndInExit: true, EndOf(block));
        }

        return null;
    }

    private static ImmutableArray<IOperation> Statements(IOperation branch) =>
        branch is IBlockOperation block ? block.Operations : ImmutableArray.Create(branch);

    private static Location EndOf(IOperation branch) =>
        branch.Syntax is BlockSyntax block ? block.CloseBraceToken.GetLocation() : branch.Syntax.GetLocation();

    /// <summary>True when the condition holds exactly in the child, false when exactly in the parent, null otherwise.</summary>
    private static bool? ChildWhen(IOperation condition, ILocalSymbol? pid, IInvocationOperation fork)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return !ChildWhen(not.Operand, pid, fork);
            case IBinaryOperation binary when IsZero(binary.RightOperand) && TestsPid(binary.LeftOperand, pid, fork):
                return ChildWhenCompared(binary.OperatorKind, zeroOnRight: true);
            case IBinaryOperation binary when IsZero(binary.LeftOperand) && TestsPid(binary.RightOperand, pid, fork):
                return ChildWhenCompared(binary.OperatorKind, zeroOnRight: false);
            case IIsPatternOperation isPattern when TestsPid(isPattern.Value, pid, fork):
                return ChildWhenMatches(isPattern.Pattern);
            default:
                return null;
        }
    }

    // ForkNp throws on failure, so a result is either 0 (child) or a positive pid (parent).
    private static bool? ChildWhenCompared(BinaryOperatorKind kind, bool zeroOnRight) => kind switch
    {
        BinaryOperatorKind.Equals => true,
        BinaryOperatorKind.NotEquals => false,
        BinaryOperatorKind.GreaterThan when zeroOnRight => false,
        BinaryOperatorKind.LessThan when !zeroOnRight => false,
        BinaryOperatorKind.LessThanOrEqual when zeroOnRight => true,
        BinaryOperatorKind.GreaterThanOrEqual when !zeroOnRight => true,
        _ => null,
    };

    private static bool? ChildWhenMatches(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant when IsZero(constant.Value) => true,
        INegatedPatternOperation negated => !ChildWhenMatches(negated.Pattern),
        IRelationalPatternOperation { OperatorKind: BinaryOperatorKind.GreaterThan } relational when IsZero(relational.Value) => false,
        _ => null,
    };

    private static bool IsZeroClause(ICaseClauseOperation clause) => clause switch
    {
        ISingleValueCaseClauseOperation single => IsZero(single.Value),
        IPatternCaseClauseOperation { Guard: null, Pattern: IConstantPatternOperation constant } => IsZero(constant.Value),
        _ => false,
    };

    private static bool TestsPid(IOperation operation, ILocalSymbol? pid, IInvocationOperation fork)
    {
        operation = Unwrap(operation);
        return operation == fork
            || (pid is not null && operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, pid));
    }

    private static bool IsZero(IOperation operation) =>
        Unwrap(operation).ConstantValue is { HasValue: true, Value: 0 };

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>The local that receives the fork's result: <c>int pid = Fork.ForkNp(ref args);</c> or <c>pid = ...</c>.</summary>
    private static ILocalSymbol? AssignedLocal(IInvocationOperation fork)
    {
        var parent = fork.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            _ => null,
        };
    }

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent && operation is not (ILocalFunctionOperation or IAnonymousFunctionOperation))
        {
            operation = parent;
        }

        return operation;
    }

    private static bool IsAncestorOf(IOperation ancestor, IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
