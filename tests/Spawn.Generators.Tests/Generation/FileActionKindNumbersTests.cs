namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// The generator numbers its file actions and child steps itself, as it cannot reference the
/// runtime, and the generated code hands those numbers to the C core: each step the generator knows
/// must carry the number of the runtime's <see cref="SpawnFileActionKind"/> member of the same name,
/// or a spec would run a different step than it says.
/// </summary>
public sealed class FileActionKindNumbersTests
{
    // From this value on the generator's kinds are its own (a pipe a stdio redirection creates),
    // never handed to the C core as a step.
    private const int FirstGeneratorOnlyKind = 100;

    private static readonly Type GeneratorKinds =
        typeof(SpawnSpecGenerator).Assembly.GetType("Spawn.Specs.Models.FileActionKind", throwOnError: true)!;

    [Fact]
    public void Each_generator_step_has_the_number_of_the_runtime_kind_of_its_name()
    {
        (string Name, int Value)[] steps = [.. Enum.GetNames(GeneratorKinds)
            .Select(name => (name, Convert.ToInt32(Enum.Parse(GeneratorKinds, name), System.Globalization.CultureInfo.InvariantCulture)))
            .Where(kind => kind.Item2 < FirstGeneratorOnlyKind)];

        Assert.NotEmpty(steps);
        Assert.All(steps, step =>
        {
            Assert.True(Enum.TryParse(step.Name, out SpawnFileActionKind runtimeKind), $"the runtime has no step named {step.Name}");
            Assert.Equal((step.Name, step.Value), (step.Name, (int)runtimeKind));
        });
    }

    [Fact]
    public void The_generators_own_kinds_do_not_collide_with_a_runtime_step()
    {
        int[] runtimeNumbers = [.. Enum.GetValues<SpawnFileActionKind>().Select(kind => (int)kind)];

        Assert.All(runtimeNumbers, number => Assert.True(number < FirstGeneratorOnlyKind, $"runtime step {number} is in the generator's own range"));
    }
}
