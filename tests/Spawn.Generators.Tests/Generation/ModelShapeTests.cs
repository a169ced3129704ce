using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// Models that held a symbol, a syntax node, a location or a compilation would keep whole
/// compilations alive and never compare equal across runs, defeating the pipeline's cache.
/// </summary>
public sealed class ModelShapeTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData)];

    [Fact]
    public void Models_hold_no_symbols_syntax_locations_or_compilations()
    {
        Assembly generator = typeof(SpawnSpecGenerator).Assembly;
        Type[] models = [.. generator.GetTypes().Where(IsModel)];
        Assert.Contains(models, type => type.Name == "SpawnSpecModel");
        Assert.Contains(models, type => type.Name == "InvalidSpecModel");

        HashSet<Type> seen = [];
        foreach (Type model in models)
        {
            Walk(model, seen);
        }
    }

    [Fact]
    public void Models_are_sealed_records_with_value_equality()
    {
        Type[] models = [.. typeof(SpawnSpecGenerator).Assembly.GetTypes().Where(type => IsModel(type) && type.IsClass && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))];
        Assert.NotEmpty(models);
        Assert.All(models, model =>
        {
            Assert.True(model.IsSealed, $"{model.Name} is not sealed");
            Assert.NotNull(model.GetMethod("<Clone>$"));
        });
    }

    // The parser's models, and the generator's own ones (TypeSpecsModel, SpecMethodModel, InvalidSpecModel).
    private static bool IsModel(Type type) => type.Namespace == "Spawn.Specs.Models" || type.Name.EndsWith("Model", StringComparison.Ordinal);

    private static void Walk(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return;
        }

        Assert.DoesNotContain(Forbidden, forbidden => forbidden.IsAssignableFrom(type));
        foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, seen);
        }

        if (type.Assembly != typeof(SpawnSpecGenerator).Assembly)
        {
            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType, seen);
        }
    }
}
