using Spawn.Specs;
using Spawn.Specs.Models;
using Spawn.Specs.Parsing;

namespace Spawn.Generators.Emit;

/// <summary>
/// Writes the body of a <c>[Pipe]</c> pipeline, as <c>Spawn.Commands.Pipeline</c> runs one: a
/// <c>pipe2(O_CLOEXEC)</c> link between each stage and the next, every stage spawned by a
/// <see cref="MethodEmitter"/> stage into one process group led by the first (SIGPIPE at its default),
/// this process's link ends closed, then the wait for every stage. All descriptors are on the stack.
/// A stage that fails to spawn names itself in the error; the stages already started are killed and reaped.
/// </summary>
internal sealed class PipelineEmitter(SourceWriter writer, SpawnSpecModel spec)
{
    private const string SpecSupport = "global::Spawn.Specs.Support.";
    private const int SigPipe = 13;

    private int StageCount => spec.Pipes.Count + 1;

    public void Emit()
    {
        int stages = StageCount;
        int links = stages - 1;
        string count = CSharpLiteral.Int(stages);
        writer.Line($"// Setup - {CSharpLiteral.Int(stages)} stages joined by {MethodEmitter.Count(links, "link")}; every descriptor on the stack, -1 while not open.");
        writer.Line($"global::System.Span<int> __links = stackalloc int[{CSharpLiteral.Int(2 * links)}]; // link k: [2k] its read end (stage k + 2's stdin), [2k + 1] its write end (stage k + 1's stdout)");
        writer.Line($"global::System.Span<int> __pidfds = stackalloc int[{count}];");
        writer.Line("__links.Fill(-1);");
        writer.Line("__pidfds.Fill(-1);");
        writer.Line("int __leader = 0; // stage 1's pid once spawned: the process group the other stages join (0: stage 1 leads a new one)");
        writer.Line("int __stage = 0; // the stage being spawned, from 1; 0 before the first and once all are");
        writer.Block("try");
        writer.Line("// Links - pipe2(O_CLOEXEC): each stage gets its own ends through dup2, and no other descriptor of a link survives an exec.");
        for (int link = 0; link < links; link++)
        {
            // global::Spawn.Specs.Support.SpecDescriptors.CreatePipe(out __links[0], out __links[1]);
            writer.Line($"{SpecSupport}SpecDescriptors.CreatePipe(out __links[{CSharpLiteral.Int(2 * link)}], out __links[{CSharpLiteral.Int((2 * link) + 1)}]);");
        }

        for (int stage = 0; stage < stages; stage++)
        {
            // Stage 2 of 3 - [Pipe("gzip", "-1")]
            writer.Line($"// Stage {CSharpLiteral.Int(stage + 1)} of {count} - {(stage == 0 ? spec.SpecAttributeText : spec.Pipes[stage - 1].AttributeText)}");
            writer.Line($"__stage = {CSharpLiteral.Int(stage + 1)};");
            new MethodEmitter(writer, StageSpec(stage)).EmitStage(stage);
        }

        writer.Line("__stage = 0;");
        writer.Close();
        writer.Block("catch (global::Spawn.SpawnException __error) when (__stage != 0)");
        writer.Line("// The error names the stage, as Spawn.Commands.Pipeline's do: \"pipeline stage 2 of 3: exec\".");
        writer.Line($"throw {SpecSupport}SpecPipeline.NameStage(__error, __stage, {count});");
        writer.Close();
        writer.Block("finally");
        writer.Line("// Cleanup - Close this process's ends of the links, so that a stage sees end of file once the one before exits; after a failed stage, kill and reap those started.");
        writer.Line($"{SpecSupport}SpecPipeline.CloseAll(__links);");
        writer.Block("if (__stage != 0)");
        writer.Line($"{SpecSupport}SpecPipeline.KillAndReap(__pidfds);");
        writer.Close();
        writer.Close();
        if (spec.Method.ReturnKind == SpecReturnKind.PipelineStatus)
        {
            writer.Line("// Wait - Every stage in order, each pidfd closed; every stage's status.");
            writer.Line($"return {SpecSupport}SpecPipeline.WaitForAll(__pidfds);");
        }
        else
        {
            writer.Line("// Wait - Every stage in order, each pidfd closed; the pipefail status: the last stage that failed, else the last one's.");
            writer.Line($"return {SpecSupport}SpecPipeline.WaitForPipeFail(__pidfds);");
        }
    }

    /// <summary>
    /// Stage <paramref name="index"/> as a single process: its own arguments (and for the first, the
    /// spec's <c>Program</c>), its links onto 0 and 1, stdin's redirection for the first stage only,
    /// stdout's for the last only, every other file action and attribute for all, in the pipeline's
    /// process group with SIGPIPE at its default.
    /// </summary>
    private SpawnSpecModel StageSpec(int index)
    {
        bool first = index == 0;
        bool last = index == StageCount - 1;
        List<FileActionModel> actions = [];
        if (!first)
        {
            actions.Add(new FileActionModel(FileActionKind.Link, 0, 2 * (index - 1), null, null, 0, 0)
            {
                AttributeText = $"Stdin: the read end of link {CSharpLiteral.Int(index)}, from stage {CSharpLiteral.Int(index)}",
            });
        }

        if (!last)
        {
            actions.Add(new FileActionModel(FileActionKind.Link, 1, (2 * index) + 1, null, null, 0, 0)
            {
                AttributeText = $"Stdout: the write end of link {CSharpLiteral.Int(index + 1)}, to stage {CSharpLiteral.Int(index + 2)}",
            });
        }

        // The analyzers refuse any other action onto 0 or 1 (SPAWN0052): these are [StandardInput] and [StandardOutput].
        actions.AddRange(spec.FileActions.Where(action => !(action.Kind is FileActionKind.Open or FileActionKind.Dup2 or FileActionKind.Pipe
                                                            && ((action.Fd == 0 && !first) || (action.Fd == 1 && !last)))));

        SpawnAttributesModel attributes = spec.Attributes;
        PipeStageModel? pipe = first ? null : spec.Pipes[index - 1];
        return spec with
        {
            Method = spec.Method with { ReturnKind = SpecReturnKind.PidFd },
            Arguments = pipe?.Arguments ?? spec.Arguments,
            Program = first ? spec.Program : null,
            SearchPath = pipe?.SearchPath ?? spec.SearchPath,
            FileActions = actions.ToEquatableArray(),
            Attributes = attributes with
            {
                // The local holding stage 1's pid; the emitter writes the name as it is.
                Flags = attributes.Flags | SpawnFlagBits.SetProcessGroup | SpawnFlagBits.SetSignalDefault,
                ProcessGroupParameter = "__leader",
                SignalDefault = attributes.SignalDefault | (1UL << (SigPipe - 1)),
                AttributeTexts = attributes.AttributeTexts
                    .Append("The pipeline: a process group led by stage 1; SIGPIPE at its default (this process ignores it, and an ignored signal stays ignored across exec)")
                    .ToEquatableArray(),
            },
            Pipes = EquatableArray<PipeStageModel>.Empty,
            SpecAttributeText = pipe?.AttributeText ?? spec.SpecAttributeText,
        };
    }
}
