namespace Spawn.Specs.Models;

/// <summary>One <c>[Pipe]</c> stage after the <c>[SpawnSpec]</c> command: its argument templates (argv[0] its program) and whether the program is searched in PATH.</summary>
internal sealed record PipeStageModel(EquatableArray<TemplateModel> Arguments, bool SearchPath)
{
    /// <summary>The <c>[Pipe]</c> attribute, as written (on one line).</summary>
    public string AttributeText { get; init; } = string.Empty;
}
