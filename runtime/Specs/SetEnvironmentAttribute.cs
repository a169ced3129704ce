namespace Spawn.Specs;

/// <summary>
/// Sets one environment variable of the child of a <see cref="SpawnSpecAttribute"/> method,
/// replacing an inherited one of the same name. Repeatable.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SetEnvironmentAttribute : Attribute
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    /// <param name="name">The variable's name: not empty, no <c>=</c>, no NUL.</param>
    /// <param name="value">A template like the arguments: literal text and <c>{parameter}</c>
    /// placeholders (a value holding NUL throws <see cref="ArgumentException"/>).</param>
    public SetEnvironmentAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The value template.</summary>
    public string Value { get; }
}
