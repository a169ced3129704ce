using System.Reflection;

namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// The generator writes the runtime's constants by name (<c>OpenFlags.O_CREAT</c>, <c>Signals.SIGTERM</c>)
/// from its own tables, as it cannot reference the runtime: each name must have the runtime's value,
/// and each constant of the runtime a name, or generated code would change what the spec asked for.
/// </summary>
public sealed class SymbolicConstantsTests
{
    private static readonly Type Tables = typeof(SpawnSpecGenerator).Assembly.GetType("Spawn.Generators.Emit.SymbolicConstants", throwOnError: true)!;

    [Theory]
    [InlineData("OpenAccessModes", typeof(OpenFlags))]
    [InlineData("OpenFlagBits", typeof(OpenFlags))]
    [InlineData("NamespaceBits", typeof(Namespaces))]
    public void Each_name_has_the_runtime_constants_value(string table, Type constants)
    {
        (string Name, int Value)[] entries = Table<(string Name, int Value)[]>(table);

        Assert.NotEmpty(entries);
        foreach ((string name, int value) in entries)
        {
            Assert.Equal((name, (object?)value), (name, constants.GetField(name)?.GetRawConstantValue()));
        }
    }

    [Theory]
    [InlineData(typeof(OpenFlags), "OpenAccessModes", "OpenFlagBits")]
    [InlineData(typeof(Namespaces), "NamespaceBits")]
    public void Each_runtime_constant_has_a_name_in_the_tables(Type constants, params string[] tables)
    {
        HashSet<string> named = [.. tables.SelectMany(table => Table<(string Name, int Value)[]>(table)).Select(entry => entry.Name)];

        Assert.All(Constants(constants), field => Assert.Contains(field.Name, named));
    }

    [Fact]
    public void Each_standard_signal_is_named_by_its_number()
    {
        string[] names = Table<string[]>("SignalNames");

        Assert.Equal(Signals.SIGSYS, names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal((names[i], (object?)(i + 1)), (names[i], typeof(Signals).GetField(names[i])?.GetRawConstantValue()));
        }

        Assert.All(Constants(typeof(Signals)).Where(field => (int)field.GetRawConstantValue()! <= Signals.SIGSYS),
                   field => Assert.Contains(field.Name, names));
    }

    [Fact]
    public void Each_spawn_flag_name_is_the_runtime_enum_member_of_that_value()
    {
        (string Name, uint Value)[] entries = Table<(string Name, uint Value)[]>("SpawnFlagNames");

        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.Equal(entry.Value, (uint)Enum.Parse<SpawnFlags>(entry.Name)));
    }

    private static T Table<T>(string name) =>
        (T)Tables.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static IEnumerable<FieldInfo> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral);
}
