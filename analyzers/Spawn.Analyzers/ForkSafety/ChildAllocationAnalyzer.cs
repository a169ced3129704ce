using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Spawn.Analyzers.Diagnostics;
using Spawn.Analyzers.ForkSafety.ChildCode;

namespace Spawn.Analyzers.ForkSafety;

/// <summary>SPAWN0100: managed allocations in code that runs in a forked child (docs/design.md, fork hazard 1).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildAllocationAnalyzer : ForkChildAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SpawnDiagnostics.ChildAllocates);

    protected override void AnalyzeChild(ChildAnalysisContext context)
    {
        foreach (var child in context.Operations)
        {
            if (Allocation(child.Operation, context.Symbols) is { } what)
            {
                context.Report(SpawnDiagnostics.ChildAllocates, child.Operation.Syntax.GetLocation(), what);
            }
        }
    }

    /// <summary>What the operation allocates, as the message names it, or null.</summary>
    private static string? Allocation(IOperation operation, ForkSymbols symbols) => operation switch
    {
        // Creating a lock, thread or task is reported as blocking (SPAWN0101).
        IObjectCreationOperation { Type.IsReferenceType: true } creation when !symbols.IsBlockingType(creation.Type) && creation.Type is not null =>
            $"'new {creation.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
        ITypeParameterObjectCreationOperation { Type.IsValueType: false } => "'new T()' of a type that may be a class",
        IArrayCreationOperation { IsImplicit: true, Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } } =>
            "The params array",
        IArrayCreationOperation => "The array creation",
        IAnonymousObjectCreationOperation => "The anonymous object",
        IDelegateCreationOperation { Target: IAnonymousFunctionOperation } => "The lambda's delegate (and the closure of what it captures)",
        IDelegateCreationOperation => "The delegate",
        IConversionOperation conversion when IsBoxing(conversion) =>
            $"Boxing '{conversion.Operand.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => "String concatenation",
        ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => "String concatenation",
        IInterpolatedStringOperation { Parent: not IInterpolatedStringHandlerCreationOperation } => "String interpolation",
        IInvocationOperation invocation when symbols.IsLinqType(invocation.TargetMethod.ContainingType) =>
            $"LINQ '{invocation.TargetMethod.Name}'",
        ITranslatedQueryOperation => "The LINQ query",
        IForEachLoopOperation loop when !IsArrayOrSpan(loop.Collection, symbols) => "foreach over a collection that is not an array or span",
        IInvocationOperation { TargetMethod.IsAsync: true } invocation when !invocation.TargetMethod.ReturnsVoid => "The async method's task",
        // Roslyn 4.8 has no operation kind for collection expressions yet: find them by their syntax.
        not IConversionOperation when operation.Syntax is CollectionExpressionSyntax expression
            && !symbols.IsSpan(operation.SemanticModel?.GetTypeInfo(expression).ConvertedType) => "The collection expression",
        _ => null,
    };

    private static bool IsBoxing(IConversionOperation conversion) =>
        conversion.OperatorMethod is null
        && conversion.Operand.Type is { IsValueType: true }
        && conversion.Type is { IsReferenceType: true };

    private static bool IsArrayOrSpan(IOperation collection, ForkSymbols symbols)
    {
        var type = collection is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : collection.Type;
        return type is IArrayTypeSymbol || type?.SpecialType == SpecialType.System_String || symbols.IsSpan(type);
    }
}
