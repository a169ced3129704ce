using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>Stdio redirections and the file action attributes, and the check that none is lost.</summary>
internal sealed partial class SpecParser
{
    private const int OpenReadOnly = 0x0;
    private const int OpenWriteCreateTruncate = 0x1 | 0x40 | 0x200;
    private const int OpenWriteOnly = 0x1;
    private const int DefaultCreateMode = 438; // 0666: the umask decides.
    private const int RedirectPipe = 1;
    private const int RedirectNull = 2;
    private static readonly string[] StreamNames = ["stdin", "stdout", "stderr"];

    private FileActionModel? ReadStandardStream(AttributeData attribute, int fd)
    {
        Location location = LocationOf(attribute, 0);
        switch (attribute.ConstructorArguments)
        {
            case [{ Kind: TypedConstantKind.Enum, Value: RedirectPipe }]:
                string name = StreamNames[fd];
                return Use(name, ParameterUsage.StandardStream, location) is { Kind: ParameterKind.PipeStream or ParameterKind.PipeHandle }
                    ? new FileActionModel(FileActionKind.Pipe, fd, -1, name, null, 0, 0)
                    : ReportPipeNeedsOut(name, location);
            case [{ Kind: TypedConstantKind.Enum, Value: RedirectNull }]:
                return new FileActionModel(FileActionKind.Open, fd, -1, null, Constant("/dev/null"), fd == 0 ? OpenReadOnly : OpenWriteOnly, 0);
            case [{ Value: string target }]:
                return ReadStreamTarget(target, fd, location);
            default:
                return null;
        }
    }

    private FileActionModel? ReportPipeNeedsOut(string name, Location location)
    {
        if (_parameters.TryGetValue(name, out ParameterModel? parameter) && parameter.Kind is not (ParameterKind.PipeStream or ParameterKind.PipeHandle))
        {
            Report(SpecProblemKind.UnsupportedParameter, location, name, name, parameter.Type, "as a pipe (out Stream or out SafeFileHandle)");
        }

        return null;
    }

    private FileActionModel? ReadStreamTarget(string target, int fd, Location location)
    {
        int flags = fd == 0 ? OpenReadOnly : OpenWriteCreateTruncate;
        TemplateModel? template = TemplateParser.Parse(target, allowSplat: false, allowCondition: false, out _);
        if (template is { Segments: [{ IsParameter: true, Text: var name }] })
        {
            ParameterModel? parameter = Use(name, ParameterUsage.StandardStream, location);
            return parameter?.Kind switch
            {
                null => null,
                ParameterKind.PipeStream or ParameterKind.PipeHandle => new FileActionModel(FileActionKind.Pipe, fd, -1, name, null, 0, 0),
                ParameterKind.Handle => new FileActionModel(FileActionKind.Dup2, fd, -1, name, null, 0, 0),
                _ when IsInt(parameter) => new FileActionModel(FileActionKind.Dup2, fd, -1, name, null, 0, 0),
                _ => new FileActionModel(FileActionKind.Open, fd, -1, null, template, flags, DefaultCreateMode),
            };
        }

        TemplateModel? path = ReadTemplate(target, ParameterUsage.Text, location, allowSplat: false, allowCondition: false);
        return path is null ? null : new FileActionModel(FileActionKind.Open, fd, -1, null, path, flags, fd == 0 ? 0 : DefaultCreateMode);
    }

    private static TemplateModel Constant(string text) =>
        new(new[] { new SegmentModel(false, text) }.ToEquatableArray(), EquatableArray<string>.Empty, null);

    private FileActionModel? ReadFileAction(AttributeData attribute)
    {
        AttributeArguments arguments = new(attribute);
        switch (attribute.AttributeClass!.Name)
        {
            case "OpenFileAttribute" when arguments.Int(0) is { } fd && arguments.String(1) is { } path && arguments.Int(2) is { } flags:
                int mode = attribute.NamedArguments.FirstOrDefault(named => named.Key == "Mode").Value.Value as int? ?? 0;
                return Descriptor(fd, attribute, 0)
                    && ReadTemplate(path, ParameterUsage.Text, LocationOf(attribute, 1), allowSplat: false, allowCondition: false) is { } template
                    ? new FileActionModel(FileActionKind.Open, fd, -1, null, template, flags, mode)
                    : null;
            case "CloseFileAttribute" when arguments.Int(0) is { } fd:
                return Descriptor(fd, attribute, 0) ? new FileActionModel(FileActionKind.Close, fd, -1, null, null, 0, 0) : null;
            case "Dup2Attribute" when arguments.Int(1) is { } fd:
                return Descriptor(fd, attribute, 1) && ReadSource(attribute, arguments) is { } source
                    ? new FileActionModel(FileActionKind.Dup2, fd, source.Fd, source.Parameter, null, 0, 0)
                    : null;
            case "ChdirAttribute" when arguments.String(0) is { } path:
                return ReadTemplate(path, ParameterUsage.Text, LocationOf(attribute, 0), allowSplat: false, allowCondition: false) is { } directory
                    ? new FileActionModel(FileActionKind.Chdir, -1, -1, null, directory, 0, 0)
                    : null;
            case "FchdirAttribute":
                return ReadSource(attribute, arguments) is { } folder
                    ? new FileActionModel(FileActionKind.Fchdir, folder.Fd, -1, folder.Parameter, null, 0, 0)
                    : null;
            case "CloseFromAttribute" when arguments.Int(0) is { } lowFd:
                return Descriptor(lowFd, attribute, 0) ? new FileActionModel(FileActionKind.CloseFrom, lowFd, -1, null, null, 0, 0) : null;
            case "TcSetPgrpAttribute" when arguments.Int(0) is { } fd:
                return Descriptor(fd, attribute, 0) ? new FileActionModel(FileActionKind.TcSetPgrp, fd, -1, null, null, 0, 0) : null;
            default:
                return ReadChildStep(attribute, arguments);
        }
    }

    // The first constructor argument: a constant descriptor or a {parameter} holding one.
    private (int Fd, string? Parameter)? ReadSource(AttributeData attribute, AttributeArguments arguments)
    {
        if (arguments.Int(0) is { } fd)
        {
            return Descriptor(fd, attribute, 0) ? (fd, null) : null;
        }

        return ReadPlaceholder(attribute, ParameterUsage.Descriptor, "a descriptor source is one {parameter}") is { } name ? (-1, name) : null;
    }

    // The first constructor argument as one {parameter} that fits usage, or null (reported).
    private string? ReadPlaceholder(AttributeData attribute, ParameterUsage usage, string expectation)
    {
        Location location = LocationOf(attribute, 0);
        string text = new AttributeArguments(attribute).String(0) ?? string.Empty;
        if (TemplateParser.Parse(text, allowSplat: false, allowCondition: false, out _) is not { Segments: [{ IsParameter: true, Text: var name }] })
        {
            Report(SpecProblemKind.MalformedTemplate, location, null, text, expectation);
            return null;
        }

        return Use(name, usage, location) is null ? null : name;
    }

    private bool Descriptor(int fd, AttributeData attribute, int argumentIndex)
    {
        if (fd >= 0)
        {
            return true;
        }

        Report(SpecProblemKind.NegativeDescriptor, LocationOf(attribute, argumentIndex), null, fd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return false;
    }

    // A descriptor set by open/dup2/pipe and replaced or closed before any action read it was set for nothing.
    private void CheckLostFileActions(IReadOnlyList<FileActionModel> actions)
    {
        Dictionary<int, int> unread = [];
        for (int i = 0; i < actions.Count; i++)
        {
            FileActionModel action = actions[i];
            switch (action.Kind)
            {
                case FileActionKind.Dup2 when action.Source is null:
                    unread.Remove(action.SourceFd);
                    break;
                case FileActionKind.Fchdir or FileActionKind.TcSetPgrp or FileActionKind.SetNs:
                    unread.Remove(action.Fd);
                    break;
            }

            IEnumerable<int> replaced = action.Kind switch
            {
                FileActionKind.Open or FileActionKind.Dup2 or FileActionKind.Pipe or FileActionKind.Capture or FileActionKind.Close => [action.Fd],
                FileActionKind.CloseFrom => unread.Keys.Where(fd => fd >= action.Fd).ToList(),
                _ => [],
            };
            foreach (int fd in replaced)
            {
                if (unread.TryGetValue(fd, out int earlier))
                {
                    Report(SpecProblemKind.LostFileAction, MethodLocation, null, fd.ToString(System.Globalization.CultureInfo.InvariantCulture), Describe(actions[earlier]), Describe(action));
                    unread.Remove(fd);
                }
            }

            if (action.Kind is FileActionKind.Open or FileActionKind.Dup2 or FileActionKind.Pipe or FileActionKind.Capture)
            {
                unread[action.Fd] = i;
            }
        }
    }

    // The method returns only after the wait: nobody drains or closes the pipe while the child runs.
    private void CheckPipesBeforeWait(SpecReturnKind? returnKind, IReadOnlyList<FileActionModel> actions)
    {
        if (returnKind is SpecReturnKind.ExitStatus or SpecReturnKind.CapturedOutput && actions.FirstOrDefault(action => action.Kind == FileActionKind.Pipe) is { } pipe)
        {
            Report(SpecProblemKind.PipeReadAfterWait, MethodLocation, pipe.Source, _method.Name, pipe.Source!);
        }
    }

    private static string Describe(FileActionModel action) => action.Kind switch
    {
        FileActionKind.Pipe => "the pipe of " + action.Source,
        FileActionKind.Capture => "the capture of " + StreamNames[action.Fd],
        FileActionKind.Open => "open " + action.Path?.ConstantText,
        FileActionKind.CloseFrom => "closefrom " + action.Fd.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => action.Kind.ToString().ToLowerInvariant() + " " + action.Fd.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
