using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>The method's shape: partial, static, non-generic, in partial types, with a supported return type.</summary>
internal sealed partial class SpecParser
{
    private void CheckShape(bool allowUnsafe)
    {
        if (!_method.IsPartialDefinition)
        {
            Report(SpecProblemKind.MethodNotPartial, MethodLocation, _method.Name, _method.Name);
        }

        if (!_method.IsStatic)
        {
            Report(SpecProblemKind.MethodNotStatic, MethodLocation, _method.Name, _method.Name);
        }

        if (_method.IsGenericMethod)
        {
            Report(SpecProblemKind.UnsupportedContainingType, MethodLocation, null, _method.Name, "it is generic");
        }

        if (!allowUnsafe)
        {
            Report(SpecProblemKind.UnsafeBlocksNotAllowed, MethodLocation, null, _method.Name);
        }
    }

    private TypeHierarchyModel ReadTypeHierarchy()
    {
        List<ContainingTypeModel> types = [];
        for (INamedTypeSymbol? type = _method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                Report(SpecProblemKind.UnsupportedContainingType, MethodLocation, null, _method.Name, $"its containing type '{type.Name}' is generic");
            }
            else if (!IsPartial(type))
            {
                Report(SpecProblemKind.UnsupportedContainingType, MethodLocation, type.Name, _method.Name, $"its containing type '{type.Name}' is not partial");
            }

            types.Insert(0, new ContainingTypeModel(Keyword(type), type.Name));
        }

        INamespaceSymbol? ns = _method.ContainingType?.ContainingNamespace;
        return new TypeHierarchyModel(ns is null || ns.IsGlobalNamespace ? null : ns.ToDisplayString(), types.ToEquatableArray());
    }

    private bool IsPartial(INamedTypeSymbol type) => type.DeclaringSyntaxReferences.Any(reference =>
        reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration
        && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private (SpecReturnKind, string)? ReadReturnType()
    {
        ITypeSymbol type = _method.ReturnType;
        SpecReturnKind? kind = type switch
        {
            { SpecialType: SpecialType.System_Int32 } => SpecReturnKind.Pid,
            _ when IsSpawnType(type, CoreNamespace, "PidFd") => SpecReturnKind.PidFd,
            _ when IsSpawnType(type, CoreNamespace, "ExitStatus") => SpecReturnKind.ExitStatus,
            _ when IsSpawnType(type, StreamsNamespace, "CapturedOutput") => SpecReturnKind.CapturedOutput,
            _ when IsSpawnType(type, SpecsNamespace, "PipelineStatus") => SpecReturnKind.PipelineStatus,
            INamedTypeSymbol { Name: "ValueTask", TypeArguments: [var result] } named when named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" =>
                IsSpawnType(result, CoreNamespace, "ExitStatus") ? SpecReturnKind.ExitStatusAsync
                : IsSpawnType(result, StreamsNamespace, "CapturedOutput") ? SpecReturnKind.CapturedOutputAsync
                : null,
            _ => null,
        };
        if (kind is not { } known || _method.ReturnsByRef || _method.ReturnsByRefReadonly)
        {
            Report(SpecProblemKind.UnsupportedReturnType, MethodLocation, null, _method.Name, type.ToDisplayString());
            return null;
        }

        return (known, type.ToDisplayString(SignatureFormat));
    }

    private static bool IsSpawnType(ITypeSymbol type, string containingNamespace, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == containingNamespace && type.ContainingType is null;

    /// <summary>Types as a signature in generated code writes them: <c>global::</c>-qualified, with their nullable annotations.</summary>
    internal static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
}
