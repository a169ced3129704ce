using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Spawn.Generators.Emit;
using Spawn.Specs;
using Spawn.Specs.Models;
using Spawn.Specs.Parsing;

namespace Spawn.Generators;

/// <summary>
/// Writes the body of every <c>[SpawnSpec]</c> partial method: argv, environment, file actions and
/// attributes built on the stack, then one call to the C core. Reports nothing: the analyzers
/// own the diagnostics, and a spec with a blocking problem gets no body.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpawnSpecGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpawnSpecModel?> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SpecParser.SpawnSpecAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (context, cancellationToken) => Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedSpecs);

        IncrementalValuesProvider<SpawnSpecModel> valid = parsed
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidSpecs);

        IncrementalValuesProvider<TypeSpecsModel> byType = valid
            .Collect()
            .WithTrackingName(TrackingNames.AllSpecs)
            .SelectMany(static (specs, _) => specs
                .GroupBy(spec => spec.Type)
                .Select(group => new TypeSpecsModel(group.Key, group.ToEquatableArray())))
            .WithTrackingName(TrackingNames.SpecsByType);

        context.RegisterSourceOutput(byType, static (output, specs) =>
            output.AddSource(specs.Type.HintName, SpecEmitter.Emit(specs)));
    }

    private static SpawnSpecModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.FirstOrDefault() is not { } attribute)
        {
            return null;
        }

        bool allowUnsafe = context.SemanticModel.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
        return SpecParser.Parse(method, attribute, allowUnsafe, cancellationToken).Spec;
    }
}
