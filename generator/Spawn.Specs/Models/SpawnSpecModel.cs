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

    /// <summary>The <c>[Pipe]</c> stages after the command, in order; none for a single process.</summary>
    public EquatableArray<PipeStageModel> Pipes { get; init; }
    /// <summary>The pseudo-terminal of a <c>[Terminal]</c> spec, or null.</summary>
    public TerminalModel? Terminal { get; init; }

    /// <summary>The stop policy of <c>[Timeout]</c> and <c>[StopSignal]</c>, or null.</summary>
    public StopModel? Stop { get; init; }

    /// <summary><c>[KillOnParentExit]</c>: the spawn is handed to the runtime's spawning thread (its
    /// <c>prctl</c> step is the first of <see cref="FileActions"/>).</summary>
    public bool KillOnParentExit { get; init; }

    /// <summary>The compiled sandbox of <c>[Sandbox]</c>, whose steps follow the file actions, or null.</summary>
    public SandboxModel? Sandbox { get; init; }
}
