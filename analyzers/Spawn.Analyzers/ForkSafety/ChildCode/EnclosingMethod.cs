using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>The method whose code an operation is: the nearest local function or lambda, else the analyzed member.</summary>
internal static class EnclosingMethod
{
    public static IMethodSymbol? Of(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
            }
        }

        return containingSymbol as IMethodSymbol;
    }
}
