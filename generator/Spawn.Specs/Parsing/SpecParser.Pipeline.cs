using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// The <c>[Pipe]</c> stages, and the checks of what a pipeline can do with the spec's other attributes:
/// stdin goes to the first stage, stdout to the last, everything else to every stage, so nothing may
/// touch descriptors 0 and 1 but those two redirections, the stages share a process group of their own,
/// and the method waits for them all.
/// </summary>
internal sealed partial class SpecParser
{
    private const string PipeAttributeName = "PipeAttribute";

    // The most stages Spawn.Specs.PipelineStatus holds inline.
    private const int MaxPipelineStatusStages = 8;
    private const int OpenTruncate = 0x200;

    private ImmutableArray<PipeStageModel> ReadPipeline(SpecReturnKind? returnKind, IReadOnlyList<FileActionModel> fileActions)
    {
        ImmutableArray<PipeStageModel>.Builder stages = ImmutableArray.CreateBuilder<PipeStageModel>();
        foreach (AttributeData attribute in SpecAttributes(PipeAttributeName))
        {
            bool searchPath = !attribute.NamedArguments.Any(named => named.Key == "SearchPath" && named.Value.Value is false);
            stages.Add(new PipeStageModel(ReadArgumentVector(attribute, null, searchPath).ToEquatableArray(), searchPath) { AttributeText = AttributeText(attribute) });
        }

        CheckPipelineReturn(returnKind, stages.Count);
        if (stages.Count > 0)
        {
            CheckPipelineChain();
            CheckPipelineFiles(returnKind, fileActions);
        }

        return stages.ToImmutable();
    }

    private void CheckPipelineReturn(SpecReturnKind? returnKind, int pipes)
    {
        string returnType = _method.ReturnType.ToDisplayString();
        if (pipes == 0 && returnKind == SpecReturnKind.PipelineStatus)
        {
            Report(SpecProblemKind.PipelineReturnType, MethodLocation, null, _method.Name, returnType, "PipelineStatus is the result of a pipeline: add a [Pipe] stage, or return ExitStatus");
        }
        else if (pipes > 0 && returnKind is not (null or SpecReturnKind.ExitStatus or SpecReturnKind.PipelineStatus))
        {
            Report(SpecProblemKind.PipelineReturnType, MethodLocation, null, _method.Name, returnType, "a spec with [Pipe] returns ExitStatus (the pipefail status) or PipelineStatus (every stage's)");
        }
        else if (returnKind == SpecReturnKind.PipelineStatus && pipes + 1 > MaxPipelineStatusStages)
        {
            Report(SpecProblemKind.PipelineTooLong, MethodLocation, null, _method.Name, (pipes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // File actions onto 0 or 1 other than the stdio redirections would replace a link in every stage.
    private void CheckPipelineChain()
    {
        foreach (AttributeData attribute in _method.GetAttributes())
        {
            AttributeArguments arguments = new(attribute);
            (int? fd, string? what) = attribute.AttributeClass?.Name switch
            {
                "OpenFileAttribute" => (arguments.Int(0), "opens"),
                "CloseFileAttribute" => (arguments.Int(0), "closes"),
                "Dup2Attribute" => (arguments.Int(1), "replaces"),
                "CloseFromAttribute" => (arguments.Int(0) is int low && low <= 1 ? low : null, "closes"),
                _ => ((int?)null, (string?)null),
            };
            if (fd is 0 or 1 && what is not null && IsSpecAttribute(attribute))
            {
                Report(SpecProblemKind.PipelineChainBroken, LocationOf(attribute), null, AttributeText(attribute), what, fd == 0 ? "stdin" : "stdout");
            }
        }

        foreach (string name in new[] { "ProcessGroupAttribute", "NewSessionAttribute" })
        {
            foreach (AttributeData attribute in SpecAttributes(name))
            {
                Report(SpecProblemKind.PipelineProcessGroup, LocationOf(attribute), null, AttributeText(attribute));
            }
        }
    }

    private void CheckPipelineFiles(SpecReturnKind? returnKind, IReadOnlyList<FileActionModel> fileActions)
    {
        foreach (FileActionModel action in fileActions)
        {
            // Descriptors 0 and 1 reach one stage; every other open runs in every stage.
            if (action.Kind == FileActionKind.Open && action.Fd >= 2 && (action.Flags & OpenTruncate) != 0)
            {
                Report(SpecProblemKind.PipelineTruncatedFile, MethodLocation, null, action.AttributeText ?? Describe(action), action.Fd.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // CheckPipesBeforeWait reports an ExitStatus return; PipelineStatus waits just the same.
        if (returnKind == SpecReturnKind.PipelineStatus && fileActions.FirstOrDefault(action => action.Kind == FileActionKind.Pipe) is { } pipe)
        {
            Report(SpecProblemKind.PipeReadAfterWait, MethodLocation, pipe.Source, _method.Name, pipe.Source!);
        }
    }

    private IEnumerable<AttributeData> SpecAttributes(string name) =>
        _method.GetAttributes().Where(attribute => attribute.AttributeClass?.Name == name && IsSpecAttribute(attribute));

    private static bool IsSpecAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() == SpecsNamespace;
}
