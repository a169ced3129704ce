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
        if (!IsSpawnType(memberType, SandboxingNamespace, SandboxTypeName))
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
    // generated body can read: a private member only from its own type or a type nested in it, a
    // protected one only from a type derived from its own.
    private ISymbol? FindReadableMember(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol candidate in current.GetMembers(name))
            {
                bool readable = candidate is IFieldSymbol || candidate is IPropertySymbol { GetMethod: not null, IsIndexer: false };
                bool reachable = candidate.DeclaredAccessibility switch
                {
                    Accessibility.Private => Encloses(current, derived: false),
                    Accessibility.Protected or Accessibility.ProtectedAndInternal => Encloses(current, derived: true),
                    _ => true,
                };
                if (readable && reachable)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    // Whether the spec's type, or a type it is nested in, is the owner (or, with derived, derives from it).
    private bool Encloses(INamedTypeSymbol owner, bool derived)
    {
        for (INamedTypeSymbol? current = _method.ContainingType; current is not null; current = current.ContainingType)
        {
            for (INamedTypeSymbol? type = current; type is not null; type = derived ? type.BaseType : null)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
