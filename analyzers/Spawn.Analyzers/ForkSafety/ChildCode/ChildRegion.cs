using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>The statements one fork runs in its child, and the method they belong to.</summary>
internal sealed class ChildRegion
{
    public ChildRegion(ImmutableArray<IOperation> statements, IMethodSymbol method, bool mustEndInExit, Location end)
    {
        Statements = statements;
        Method = method;
        MustEndInExit = mustEndInExit;
        End = end;
    }

    /// <summary>The child's statements in order: a branch after <c>ForkNp</c> returned 0, or a child function's body.</summary>
    public ImmutableArray<IOperation> Statements { get; }

    /// <summary>The method (or local function) whose code the statements are.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>
    /// True for a branch after <c>ForkNp</c>: leaving it would run the parent's program in the child. A child
    /// function given to the runtime may return: the runtime calls <c>_exit</c> with its result.
    /// </summary>
    public bool MustEndInExit { get; }

    /// <summary>Where control leaves the region when its last statement completes (a closing brace, or the statement).</summary>
    public Location End { get; }
}
