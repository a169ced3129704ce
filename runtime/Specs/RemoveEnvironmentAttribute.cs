namespace Spawn.Specs;

/// <summary>Removes one inherited environment variable from the child of a <see cref="SpawnSpecAttribute"/> method. Repeatable.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RemoveEnvironmentAttribute : Attribute
{
    /// <summary>Removes <paramref name="name"/>.</summary>
    /// <param name="name">The variable's name: not empty, no <c>=</c>, no NUL.</param>
    public RemoveEnvironmentAttribute(string name) => Name = name;

    /// <summary>The variable's name.</summary>
    public string Name { get; }
}
