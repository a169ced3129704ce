using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// Turns a <c>[SpawnSpec]</c> method into a <see cref="SpawnSpecModel"/> and the list of its
/// problems. The generator keeps the model; the analyzers report the problems.
/// </summary>
internal sealed partial class SpecParser
{
    /// <summary>The metadata name the generator and the analyzers look for.</summary>
    public const string SpawnSpecAttributeName = "Spawn.Specs.SpawnSpecAttribute";

    // The namespaces of the runtime types a spec names: its attributes, the core types it returns,
    // the captured output and the cgroup a parameter may pass.
    private const string SpecsNamespace = "Spawn.Specs";
    private const string CoreNamespace = "Spawn";
    private const string StreamsNamespace = "Spawn.Streams";
    private const string CgroupsNamespace = "Spawn.Cgroups";

    private static readonly char[] LineBreaks = ['\r', '\n', '\u0085', '\u2028', '\u2029'];

    private readonly IMethodSymbol _method;
    private readonly CancellationToken _cancellationToken;
    private readonly ImmutableArray<SpecProblem>.Builder _problems = ImmutableArray.CreateBuilder<SpecProblem>();
    private readonly Dictionary<string, ParameterModel> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> _parameterLocations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private SpecParser(IMethodSymbol method, CancellationToken cancellationToken)
    {
        _method = method;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses the spec of <paramref name="method"/>, which carries <paramref name="spec"/>.</summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="spec">Its <c>[SpawnSpec]</c>.</param>
    /// <param name="allowUnsafe">Whether the compilation allows unsafe code.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static SpecParseResult Parse(IMethodSymbol method, AttributeData spec, bool allowUnsafe, CancellationToken cancellationToken)
    {
        SpecParser parser = new(method, cancellationToken);
        parser.CheckShape(allowUnsafe);
        TypeHierarchyModel type = parser.ReadTypeHierarchy();
        SpawnSpecModel? model = parser.ParseMethod(spec, type);
        ImmutableArray<SpecProblem> problems = parser._problems.ToImmutable();
        return new SpecParseResult(problems.Any(problem => problem.Blocks) ? null : model, type, problems);
    }

    private Location MethodLocation => _method.Locations.FirstOrDefault() ?? Location.None;

    private SpawnSpecModel? ParseMethod(AttributeData spec, TypeHierarchyModel type)
    {
        (SpecReturnKind returnKind, string returnType)? returns = ReadReturnType();
        foreach (IParameterSymbol parameter in _method.Parameters)
        {
            ReadParameter(parameter, returns?.returnKind);
        }

        ImmutableArray<TemplateModel> arguments = ReadArguments(spec, out TemplateModel? program, out bool searchPath);
        EnvironmentModel? environment = null;
        ImmutableArray<FileActionModel>.Builder stdio = ImmutableArray.CreateBuilder<FileActionModel>();
        ImmutableArray<FileActionModel>.Builder actions = ImmutableArray.CreateBuilder<FileActionModel>();
        SpawnAttributesModel attributes = SpawnAttributesModel.None;
        CgroupModel? cgroup = null;
        TerminalModel? terminal = null;
        SandboxModel? sandbox = null;
        ImmutableArray<string>.Builder environmentTexts = ImmutableArray.CreateBuilder<string>();
        ImmutableArray<string>.Builder attributeTexts = ImmutableArray.CreateBuilder<string>();
        foreach (AttributeData attribute in _method.GetAttributes())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass || attributeClass.ContainingNamespace?.ToDisplayString() != SpecsNamespace)
            {
                continue;
            }

            switch (attributeClass.Name)
            {
                case "ClearEnvironmentAttribute":
                case "SetEnvironmentAttribute":
                case "RemoveEnvironmentAttribute":
                    environment = ReadEnvironment(attribute, environment ?? new EnvironmentModel(false, EquatableArray<EnvironmentVariableModel>.Empty, EquatableArray<string>.Empty));
                    environmentTexts.Add(AttributeText(attribute));
                    break;
                case "StandardInputAttribute":
                    AddIfAny(stdio, ReadStandardStream(attribute, 0), attribute);
                    break;
                case "StandardOutputAttribute":
                    AddIfAny(stdio, ReadStandardStream(attribute, 1), attribute);
                    break;
                case "StandardErrorAttribute":
                    AddIfAny(stdio, ReadStandardStream(attribute, 2), attribute);
                    break;
                case "TerminalAttribute":
                    terminal = ReadTerminal(attribute);
                    break;
                case "CgroupAttribute":
                    cgroup = ReadCgroup(attribute) is { } read ? read with { AttributeText = AttributeText(attribute) } : null;
                    break;
                case "TimeoutAttribute":
                case "StopSignalAttribute":
                case "KillOnParentExitAttribute":
                    KeepStopAttribute(attribute);
                    break;
                case "SandboxAttribute":
                    sandbox = ReadSandbox(attribute);
                    break;
                default:
                    AddIfAny(actions, ReadFileAction(attribute), attribute);
                    SpawnAttributesModel before = attributes;
                    attributes = ReadSpawnAttribute(attribute, attributes);
                    if (!ReferenceEquals(attributes, before))
                    {
                        attributeTexts.Add(AttributeText(attribute));
                    }

                    break;
            }
        }

        if (cgroup?.AttributeText is { } cgroupText)
        {
            attributeTexts.Add(cgroupText);
        }

        // Stdio first (in, out, err), then the pipes of a captured output, then the file actions as written.
        stdio.Sort((left, right) => left.Fd.CompareTo(right.Fd));
        if (returns?.returnKind is SpecReturnKind.CapturedOutput or SpecReturnKind.CapturedOutputAsync)
        {
            stdio.Add(new FileActionModel(FileActionKind.Capture, 1, -1, null, null, 0, 0));
            stdio.Add(new FileActionModel(FileActionKind.Capture, 2, -1, null, null, 0, 0));
        }

        InsertTerminalStep(terminal, stdio, attributes, returns?.returnKind);
        stdio.AddRange(actions);
        InsertKillOnParentExit(stdio);
        ImmutableArray<FileActionModel> fileActions = stdio.ToImmutable();
        CheckLostFileActions(fileActions);
        CheckPipesBeforeWait(returns?.returnKind, fileActions);
        ImmutableArray<PipeStageModel> pipes = ReadPipeline(returns?.returnKind, fileActions);
        StopModel? stop = ReadStop(returns?.returnKind, attributes, cgroup);
        CheckNotOnPipeline(pipes);
        CheckUnusedParameters();

        if (returns is not { } ret)
        {
            return null;
        }

        MethodModel method = new(
            _method.Name,
            AccessibilityText(_method.DeclaredAccessibility),
            ret.returnKind,
            ret.returnType,
            _method.Parameters.Where(parameter => _parameters.ContainsKey(parameter.Name)).Select(parameter => _parameters[parameter.Name]).ToEquatableArray());
        return new SpawnSpecModel(
            type,
            method,
            new EquatableArray<TemplateModel>(arguments),
            program,
            searchPath,
            environment is null ? null : environment with { AttributeTexts = environmentTexts.ToEquatableArray() },
            new EquatableArray<FileActionModel>(fileActions),
            (cgroup is null ? attributes : attributes with { Flags = attributes.Flags | SpawnFlagBits.SetCgroup }) with { AttributeTexts = attributeTexts.ToEquatableArray() },
            cgroup)
        {
            SpecAttributeText = AttributeText(spec),
            Pipes = new EquatableArray<PipeStageModel>(pipes),
            Terminal = terminal,
            Stop = stop,
            KillOnParentExit = _killOnParentExit is not null,
            Sandbox = sandbox,
        };
    }

    private void AddIfAny(ImmutableArray<FileActionModel>.Builder actions, FileActionModel? action, AttributeData attribute)
    {
        if (action is not null)
        {
            actions.Add(action with { AttributeText = AttributeText(attribute) });
        }
    }

    // The attribute as written, on one line: the comment above the code it becomes. Every line
    // break C# knows is folded, so that the text cannot end the comment early.
    private string AttributeText(AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax syntax)
        {
            return "[" + attribute.AttributeClass?.Name + "]";
        }

        string[] lines = syntax.ToString().Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries);
        return "[" + string.Join(" ", lines.Select(line => line.Trim())) + "]";
    }

    private void Report(SpecProblemKind kind, Location location, string? subject, params string[] arguments) =>
        _problems.Add(new SpecProblem(kind, location, arguments.ToEquatableArray(), subject));

    private static Location LocationOf(AttributeData attribute, int argumentIndex, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax>? arguments = syntax.ArgumentList?.Arguments;
        return arguments is { } list && argumentIndex >= 0 && argumentIndex < list.Count
            ? list[argumentIndex].GetLocation()
            : syntax.GetLocation();
    }

    private Location LocationOf(AttributeData attribute, int argumentIndex = -1) => LocationOf(attribute, argumentIndex, _cancellationToken);

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
