using Microsoft.CodeAnalysis.CSharp;

namespace Spawn.Generators.Emit;

/// <summary>Names of the user's code (parameters, methods, types, enum members) as identifiers in the emitted code.</summary>
internal static class CSharpName
{
    /// <summary><paramref name="name"/>, or <c>@name</c> when it is a reserved keyword (a parameter declared <c>@class</c> is named <c>class</c>).</summary>
    public static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}
