using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary><c>[Sandbox(typeof(T), nameof(T.Member))]</c>: the static <c>Sandbox</c> field or property the child runs in.</summary>
internal sealed partial class SpecParser
{
    private const string SandboxTypeName = "Sandbox";
    private const string SandboxingNamespace = "Spawn.Sandboxing";

    private SandboxModel? ReadSandbox(AttributeData attribute)
    {
        // A typeof of a type that does not exist is the compiler's error already.
        if (attribute.ConstructorArguments is not [{ Value: INamedTypeSymbol type }, { Value: var name }])
        {
            return null;
        }

        string member = name as string ?? string.Empty;
        string owner = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        Location location = LocationOf(attribute, 1);
        ISymbol? found = FindReadableMember(type, member);
        switch (found)
        {
            case null:
                Report(SpecProblemKind.SandboxMemberNotFound, location, null, owner, member, _method.Name);
                return null;
            case { IsStatic: false }:
                Report(SpecProblemKind.SandboxMemberNotStatic, location, null, owner, member);
                return null;
        }

        ITypeSymbol memberType = found is IFieldSymbol field ? field.Type : ((IPropertySymbol)found).Type;
        if (memberType is not INamedTypeSymbol { Name: SandboxTypeName } named || named.ContainingNamespace?.ToDisplayString() != SandboxingNamespace)
        {
            Report(SpecProblemKind.SandboxMemberNotSandbox, location, null, owner, member, memberType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
            return null;
        }

        return new SandboxModel(found.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), member, found.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + member)
        {
            AttributeText = AttributeText(attribute),
        };
    }

    // A field, or a property with a getter, declared by the type or a base type, that the spec's
    // generated body can read: a private member only from its own type or a type nested in it.
    private ISymbol? FindReadableMember(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol candidate in current.GetMembers(name))
            {
                bool readable = candidate is IFieldSymbol || candidate is IPropertySymbol { GetMethod: not null, IsIndexer: false };
                if (readable && (candidate.DeclaredAccessibility != Accessibility.Private || Encloses(current, _method.ContainingType)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool Encloses(INamedTypeSymbol outer, INamedTypeSymbol? inner)
    {
        for (INamedTypeSymbol? current = inner; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, outer.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
