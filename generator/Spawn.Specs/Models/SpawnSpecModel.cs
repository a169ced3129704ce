namespace Spawn.Specs.Models;

/// <summary>One valid <c>[SpawnSpec]</c> method: everything the emitter needs, and nothing from Roslyn.</summary>
internal sealed record SpawnSpecModel(
    TypeHierarchyModel Type,
    MethodModel Method,
    EquatableArray<TemplateModel> Arguments,
    TemplateModel? Program,
    bool SearchPath,
    EnvironmentModel? Environment,
    EquatableArray<FileActionModel> FileActions,
    SpawnAttributesModel Attributes,
    CgroupModel? Cgroup)
{
    /// <summary>The <c>[SpawnSpec]</c> attribute, as written (on one line).</summary>
    public string SpecAttributeText { get; init; } = string.Empty;

    /// <summary>The compiled sandbox of <c>[Sandbox]</c>, whose steps follow the file actions, or null.</summary>
    public SandboxModel? Sandbox { get; init; }
}
