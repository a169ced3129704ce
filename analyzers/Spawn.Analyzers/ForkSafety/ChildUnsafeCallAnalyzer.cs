using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>
/// SPAWN0102: calls in a forked child to code not known to be async-signal-safe (docs/design.md, fork hazards 2, 3 and 8).
/// Safe are the ForkChild toolkit, [AsyncSignalSafe] members, P/Invokes of the signal-safety(7) list, a few
/// JIT intrinsics, and methods of this compilation the walk follows (their bodies are judged where they are).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildUnsafeCallAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildCallsUnsafeMethod);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            var (callee, reason) = Judge(child, context);
            if (callee is not null && reason is not null)
            {
                context.Report(SpawnDiagnostics.ChildCallsUnsafeMethod, child.Operation.Syntax.GetLocation(), callee, reason);
            }
        }
    }

    /// <summary>The callee's name and why it is not safe, or nulls when the operation calls nothing unsafe.</summary>
    private static (string? Callee, string? Reason) Judge(ChildOperation child, ChildAnalysisContext context)
    {
        var symbols = context.Symbols;
        var operation = child.Operation;
        if (operation is IFunctionPointerInvocationOperation)
        {
            return ("function pointer call", ": its target is not known");
        }

        if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } delegateCall)
        {
            return (Describe(delegateCall.TargetMethod), ": a delegate's target is not known");
        }

        var method = Callee(operation);
        if (method is null || IsJudgedElsewhere(method, symbols) || symbols.IsDeclaredSafe(method) || IsIntrinsic(method, symbols))
        {
            return (null, null);
        }

        if (AsyncSignalSafeFunctions.EntryPoint(method, symbols) is { } entryPoint)
        {
            return AsyncSignalSafeFunctions.IsSafePInvoke(method, symbols, out _)
                ? (null, null)
                : (Describe(method), $": '{entryPoint}' is not an async-signal-safe function of signal-safety(7)");
        }

        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return (Describe(method), "");
        }

        if (method.AssociatedSymbol is IPropertySymbol property && TypeInitializers.IsAutoProperty(property))
        {
            return (null, null);
        }

        if (ChildCodeWalker.CalledMethod(operation) is null)
        {
            return (Describe(method), ": a virtual call's target is not known");
        }

        if (!context.Walker.TryGetBody(operation, method, out _))
        {
            return (Describe(method), ": its body is not available to the analysis");
        }

        return child.Depth >= ChildCodeWalker.MaxCallDepth
            ? (Describe(method), $": it is more than {ChildCodeWalker.MaxCallDepth} calls deep in the child")
            : (null, null);
    }

    /// <summary>The method an operation calls, virtual or not; null when it calls none (or only the implicit struct constructor).</summary>
    private static IMethodSymbol? Callee(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        // An anonymous object's properties are plain fields; its allocation is SPAWN0100's.
        IPropertyReferenceOperation { Property.ContainingType.IsAnonymousType: true } => null,
        IPropertyReferenceOperation property => property.Property.GetMethod ?? property.Property.SetMethod,
        IObjectCreationOperation { Type.IsValueType: true, Constructor: { IsImplicitlyDeclared: false } constructor } => constructor,
        IObjectCreationOperation => null,
        _ => ChildCodeWalker.CalledMethod(operation),
    };

    // LINQ is reported as allocation (SPAWN0100), locks, threads and tasks as blocking (SPAWN0101).
    private static bool IsJudgedElsewhere(IMethodSymbol method, ForkSymbols symbols) =>
        symbols.IsLinqType(method.ContainingType) || symbols.IsBlockingType(method.ContainingType);

    // What the JIT turns into plain loads and stores: array, span and string lengths and elements, span conversions.
    private static bool IsIntrinsic(IMethodSymbol method, ForkSymbols symbols) =>
        (symbols.IsSpan(method.ContainingType) && (method.AssociatedSymbol is IPropertySymbol || method.MethodKind == MethodKind.Conversion))
        || (method.AssociatedSymbol is IPropertySymbol { MetadataName: "Length" or "Chars" } property
            && property.ContainingType.SpecialType is SpecialType.System_String or SpecialType.System_Array);

    private static string Describe(IMethodSymbol method) =>
        method.ContainingType.Name + "." + (method.AssociatedSymbol?.Name ?? method.Name);
}
