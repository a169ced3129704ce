using Microsoft.CodeAnalysis;

namespace Spawn.Specs.Parsing;

/// <summary>Typed reads of an attribute's constructor arguments.</summary>
internal readonly struct AttributeArguments(AttributeData attribute)
{
    public int? Int(int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is int value ? value : null;

    public string? String(int index) =>
        index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index].Value as string : null;
}
