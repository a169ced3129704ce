using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Generators.Emit;
using Spawn.Specs.Parsing;

namespace Spawn.Generators.InvalidSpecs;

/// <summary>Reads the signature of a rejected spec into an <see cref="InvalidSpecModel"/> when a body for it can compile.</summary>
internal static class InvalidSpecReader
{
    /// <summary>The model, or null when no body could compile: no partial definition to complete, a generic method, or a containing type that is generic or not partial.</summary>
    public static InvalidSpecModel? Read(IMethodSymbol method, MethodDeclarationSyntax declaration, SpecParseResult result)
    {
        if (!method.IsPartialDefinition || method.PartialImplementationPart is not null || method.IsGenericMethod
            || result.Problems.Any(problem => problem.Kind is SpecProblemKind.MethodNotPartial or SpecProblemKind.UnsupportedContainingType))
        {
            return null;
        }

        // The declaration's own modifiers, so that accessibility, static, unsafe and the rest match exactly.
        string modifiers = string.Join(" ", declaration.Modifiers.Select(modifier => modifier.Text));
        string returns = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty)
            + method.ReturnType.ToDisplayString(SpecParser.SignatureFormat);
        string parameters = string.Join(", ", method.Parameters.Select(Parameter));
        string rules = string.Join(", ", result.Problems
            .Where(problem => problem.Blocks)
            .Select(problem => (int)problem.Kind)
            .Distinct()
            .OrderBy(number => number)
            .Select(number => "SPAWN" + number.ToString("D4", CultureInfo.InvariantCulture)));
        string name = string.Join(".", result.Type.Types.Select(type => type.Name).Append(method.Name));
        return new InvalidSpecModel(
            result.Type,
            $"{modifiers} {returns} {CSharpName.Escape(method.Name)}({parameters})",
            $"[SpawnSpec] on {name} is invalid: see {rules}");
    }

    // Modifiers the implementation must repeat; defaults and attributes it need not.
    private static string Parameter(IParameterSymbol parameter)
    {
        // A params span and an out parameter are scoped without saying so.
        bool scoped = !parameter.IsParams && parameter.RefKind != RefKind.Out && parameter.ScopedKind != ScopedKind.None;
        string modifiers = (parameter.IsThis ? "this " : string.Empty)
            + (scoped ? "scoped " : string.Empty)
            + (parameter.IsParams ? "params " : string.Empty)
            + parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => string.Empty,
            };
        return modifiers + parameter.Type.ToDisplayString(SpecParser.SignatureFormat) + " " + CSharpName.Escape(parameter.Name);
    }
}
