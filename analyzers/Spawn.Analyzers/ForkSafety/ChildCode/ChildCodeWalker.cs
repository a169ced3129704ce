using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>
/// Lists every operation a child region runs: its own statements, and, transitively, the bodies of the
/// methods of this compilation it calls (each method once, at most <see cref="MaxCallDepth"/> calls deep).
/// Bodies of lambdas and local functions are entered only where they are called.
/// </summary>
internal sealed class ChildCodeWalker
{
    /// <summary>How many calls deep the analysis follows before it gives up proving a callee safe.</summary>
    public const int MaxCallDepth = 8;

    private readonly Compilation compilation;
    private readonly ForkSymbols symbols;
    private readonly Dictionary<SyntaxTree, SemanticModel> models = [];

    public ChildCodeWalker(Compilation compilation, ForkSymbols symbols)
    {
        this.compilation = compilation;
        this.symbols = symbols;
    }

    public IEnumerable<ChildOperation> Walk(ChildRegion region)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { region.Method };
        var pending = new Stack<ChildOperation>();
        foreach (var statement in region.Statements.Reverse())
        {
            pending.Push(new ChildOperation(statement, region.Method, 0));
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            // The toolkit and [AsyncSignalSafe] members are trusted, not walked.
            if (current.Depth < MaxCallDepth && CalledMethod(current.Operation) is { } callee
                && !symbols.IsDeclaredSafe(callee) && visited.Add(callee) && TryGetBody(current.Operation, callee, out var body))
            {
                pending.Push(new ChildOperation(body, callee, current.Depth + 1));
            }

            foreach (var child in current.Operation.ChildOperations.Reverse())
            {
                if (child is not (ILocalFunctionOperation or IAnonymousFunctionOperation))
                {
                    pending.Push(new ChildOperation(child, current.Method, current.Depth));
                }
            }
        }
    }

    /// <summary>
    /// The method an operation calls in a way this analysis can follow, or null: delegate and function pointer
    /// calls have no known target; a virtual call is followed only when it cannot be overridden.
    /// </summary>
    public static IMethodSymbol? CalledMethod(IOperation operation)
    {
        var method = operation switch
        {
            IInvocationOperation { TargetMethod.MethodKind: not MethodKind.DelegateInvoke } invocation
                when !invocation.IsVirtual || IsSealed(invocation.TargetMethod) => invocation.TargetMethod,
            IPropertyReferenceOperation property => IsAssigned(property) ? property.Property.SetMethod : property.Property.GetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IBinaryOperation binary => binary.OperatorMethod,
            IUnaryOperation unary => unary.OperatorMethod,
            IConversionOperation conversion => conversion.OperatorMethod,
            IIncrementOrDecrementOperation increment => increment.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            _ => null,
        };
        return method is null ? null : method.PartialImplementationPart ?? method;
    }

    /// <summary>The body of a method declared in this compilation, as operations.</summary>
    public bool TryGetBody(IOperation caller, IMethodSymbol method, out IOperation body)
    {
        body = null!;
        if (method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax)
            || !compilation.ContainsSyntaxTree(syntax.SyntaxTree))
        {
            return false;
        }

        var model = caller.SemanticModel?.SyntaxTree == syntax.SyntaxTree ? caller.SemanticModel : ModelOf(syntax.SyntaxTree);
        var operation = model.GetOperation(syntax);
        if (operation is ILocalFunctionOperation localFunction)
        {
            operation = localFunction.Body;
        }

        if (operation is null)
        {
            return false;
        }

        body = operation;
        return true;
    }

    private SemanticModel ModelOf(SyntaxTree tree)
    {
        if (!models.TryGetValue(tree, out var model))
        {
#pragma warning disable RS1030 // A callee may live in another file: following it needs that file's model.
            model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            models.Add(tree, model);
        }

        return model;
    }

    private static bool IsSealed(IMethodSymbol method) =>
        method.IsSealed || method.ContainingType.IsSealed || method.ContainingType.IsValueType || !(method.IsVirtual || method.IsOverride || method.IsAbstract);

    private static bool IsAssigned(IPropertyReferenceOperation property) =>
        property.Parent is IAssignmentOperation assignment && assignment.Target == property;
}
