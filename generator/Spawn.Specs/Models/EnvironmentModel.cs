namespace Spawn.Specs.Models;

/// <summary>How the child's environment differs from this process's <c>environ</c>.</summary>
internal sealed record EnvironmentModel(bool Clear, EquatableArray<EnvironmentVariableModel> Variables, EquatableArray<string> Removed);

/// <summary>A variable set to a value template.</summary>
internal sealed record EnvironmentVariableModel(string Name, TemplateModel Value);
