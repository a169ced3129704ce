using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>An operation that runs in a forked child, with the method whose code it is.</summary>
internal readonly struct ChildOperation
{
    public ChildOperation(IOperation operation, IMethodSymbol method, int depth)
    {
        Operation = operation;
        Method = method;
        Depth = depth;
    }

    public IOperation Operation { get; }

    /// <summary>The method (or local function) the operation belongs to.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>0 in the fork's own branch, 1 in a method it calls, and so on.</summary>
    public int Depth { get; }
}
