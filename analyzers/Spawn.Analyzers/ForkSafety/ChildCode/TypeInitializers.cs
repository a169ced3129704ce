using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Spawn.Analyzers.ForkSafety.ChildCode;

/// <summary>What the analysis knows about static state: which types have a type initializer, which properties are plain fields.</summary>
internal static class TypeInitializers
{
    /// <summary>
    /// True only for a type of this compilation with no static constructor and no static field or property
    /// initializer: the runtime has nothing to run on its first use. Types from metadata are not known.
    /// </summary>
    public static bool HasNone(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.StaticConstructors.IsEmpty
        && !type.GetMembers().Any(member => member.IsStatic && HasInitializer(member));

    /// <summary>An auto-property: reading it reads its backing field and runs no code of its own.</summary>
    public static bool IsAutoProperty(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(field => SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property));

    private static bool HasInitializer(ISymbol member) => member switch
    {
        IFieldSymbol { IsConst: false } field => field.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null }),
        IPropertySymbol property => property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null }),
        _ => false,
    };
}
