namespace Spawn.Specs.Models;

/// <summary>The namespace and the chain of containing types, outermost first, e.g. <c>partial class Outer { partial struct Inner { ... } }</c>.</summary>
internal sealed record TypeHierarchyModel(string? Namespace, EquatableArray<ContainingTypeModel> Types)
{
    /// <summary>The generated file's name: the type's metadata path, unique per containing type.</summary>
    public string HintName =>
        (Namespace is null ? string.Empty : Namespace + ".") + string.Join(".", Types.Select(type => type.Name)) + ".g.cs";
}

/// <summary>One containing type: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>) and name.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);
