namespace Spawn.Specs.Models;

/// <summary>How the child's environment differs from this process's <c>environ</c>.</summary>
internal sealed record EnvironmentModel(bool Clear, EquatableArray<EnvironmentVariableModel> Variables, EquatableArray<string> Removed)
{
    /// <summary>The environment attributes, as written (each on one line), in order.</summary>
    public EquatableArray<string> AttributeTexts { get; init; }
}

/// <summary>A variable set to a value template.</summary>
internal sealed record EnvironmentVariableModel(string Name, TemplateModel Value);
