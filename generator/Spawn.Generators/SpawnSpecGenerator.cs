using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Generators.Emit;
using Spawn.Generators.InvalidSpecs;
using Spawn.Specs;
using Spawn.Specs.Parsing;

namespace Spawn.Generators;

/// <summary>
/// Writes the body of every <c>[SpawnSpec]</c> partial method: argv, environment, file actions and
/// attributes built on the stack, then one call to the C core. Reports nothing: the analyzers
/// own the diagnostics. A spec with a blocking problem gets a body that throws, so that the
/// command-line build (which runs no analyzer once the compilation has errors) fails with the
/// analyzer's SPAWN error alone rather than with CS8795.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpawnSpecGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpecMethodModel?> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SpecParser.SpawnSpecAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedSpecs);

        IncrementalValuesProvider<SpecMethodModel> emitted = parsed
            .Where(static method => method is not null)
            .Select(static (method, _) => method!)
            .WithTrackingName(TrackingNames.EmittedSpecs);

        IncrementalValuesProvider<TypeSpecsModel> byType = emitted
            .Collect()
            .WithTrackingName(TrackingNames.AllSpecs)
            .SelectMany(static (methods, _) => methods
                .GroupBy(method => method.Type)
                .Select(group => new TypeSpecsModel(group.Key, group.ToEquatableArray())))
            .WithTrackingName(TrackingNames.SpecsByType);

        context.RegisterSourceOutput(byType, static (output, specs) =>
            output.AddSource(specs.Type.HintName, SpecEmitter.Emit(specs)));
    }

    private static SpecMethodModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.FirstOrDefault() is not { } attribute
            || context.TargetNode is not MethodDeclarationSyntax declaration)
        {
            return null;
        }

        bool allowUnsafe = context.SemanticModel.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
        SpecParseResult result = SpecParser.Parse(method, attribute, allowUnsafe, cancellationToken);
        if (result.Spec is { } spec)
        {
            return new SpecMethodModel(spec, null);
        }

        return InvalidSpecReader.Read(method, declaration, result) is { } invalid ? new SpecMethodModel(null, invalid) : null;
    }
}
