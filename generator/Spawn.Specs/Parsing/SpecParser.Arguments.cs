using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>The argument vector, the program, and the checks on both.</summary>
internal sealed partial class SpecParser
{
    private static readonly string[] Shells = ["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "fish"];

    private ImmutableArray<TemplateModel> ReadArguments(AttributeData spec, out TemplateModel? program, out bool searchPath)
    {
        searchPath = true;
        program = null;
        string? programText = null;
        foreach (KeyValuePair<string, TypedConstant> named in spec.NamedArguments)
        {
            if (named.Key == "SearchPath" && named.Value.Value is bool search)
            {
                searchPath = search;
            }
            else if (named.Key == "Program" && named.Value.Value is string text)
            {
                programText = text;
                program = ReadTemplate(text, ParameterUsage.Text, LocationOf(spec), allowSplat: false, allowCondition: false);
            }
        }

        return ReadArgumentVector(spec, programText, searchPath);
    }

    // The params string[] of [SpawnSpec] or [Pipe]: argv[0] the program unless programText overrides it.
    private ImmutableArray<TemplateModel> ReadArgumentVector(AttributeData spec, string? programText, bool searchPath)
    {
        ImmutableArray<TypedConstant> values = spec.ConstructorArguments is [{ Kind: TypedConstantKind.Array } array] ? array.Values : ImmutableArray<TypedConstant>.Empty;
        ImmutableArray<TemplateModel>.Builder arguments = ImmutableArray.CreateBuilder<TemplateModel>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            Location location = LocationOf(spec, i);
            if (values[i].Value is not string text)
            {
                Report(SpecProblemKind.MalformedTemplate, location, null, "null", "an argument cannot be null");
                continue;
            }

            if (ReadTemplate(text, ParameterUsage.Text, location, allowSplat: i > 0, allowCondition: i > 0) is { } argument)
            {
                arguments.Add(argument);
            }
        }

        string? program0 = values.Length > 0 ? values[0].Value as string : null;
        if (values.Length == 0 || program0 is "")
        {
            Report(SpecProblemKind.EmptyArgv, values.Length == 0 ? LocationOf(spec) : LocationOf(spec, 0), null, _method.Name);
        }

        CheckProgramPath(programText ?? program0, searchPath, LocationOf(spec, programText is null ? 0 : -1));
        CheckShellCommand(spec, values);
        return arguments.ToImmutable();
    }

    private TemplateModel? ReadTemplate(string text, ParameterUsage usage, Location location, bool allowSplat, bool allowCondition)
    {
        TemplateModel? template = TemplateParser.Parse(text, allowSplat, allowCondition, out string? error);
        if (template is null)
        {
            Report(SpecProblemKind.MalformedTemplate, location, null, text, error ?? "malformed");
            return null;
        }

        bool valid = true;
        if (template.Splat is { } splat)
        {
            valid &= Use(splat, ParameterUsage.Splat, location) is not null;
        }

        foreach (string condition in template.Conditions)
        {
            valid &= Use(condition, ParameterUsage.Condition, location) is not null;
        }

        foreach (SegmentModel segment in template.Segments)
        {
            if (segment.IsParameter)
            {
                valid &= Use(segment.Text, usage, location) is not null;
            }
            else if (segment.Text.IndexOf('\0') >= 0)
            {
                Report(SpecProblemKind.ConstantHoldsNul, location, null, text.Replace("\0", "\\0"));
                valid = false;
            }
        }

        return valid ? template : null;
    }

    // A program with a slash is never searched for: a relative one depends on the child's working folder.
    private void CheckProgramPath(string? program, bool searchPath, Location location)
    {
        if (program is null || program.Length == 0 || program[0] == '/' || program.IndexOf('{') >= 0)
        {
            return;
        }

        if (!searchPath || program.IndexOf('/') >= 0)
        {
            Report(SpecProblemKind.RelativeProgramWithoutSearch, location, null, program);
        }
    }

    // sh -c "cmd {x}" hands the parameter to the shell's parser: an injection.
    private void CheckShellCommand(AttributeData spec, ImmutableArray<TypedConstant> values)
    {
        if (values.Length < 3 || values[0].Value is not string shell || Array.IndexOf(Shells, shell.Substring(shell.LastIndexOf('/') + 1)) < 0)
        {
            return;
        }

        for (int i = 1; i + 1 < values.Length; i++)
        {
            if (values[i].Value is string option && IsCommandOption(option)
                && values[i + 1].Value is string command
                && TemplateParser.Parse(command, allowSplat: false, allowCondition: true, out _) is { } template
                && template.Segments.Any(segment => segment.IsParameter))
            {
                Report(SpecProblemKind.ShellCommandPlaceholder, LocationOf(spec, i + 1), null, shell, command);
                return;
            }
        }
    }

    private static bool IsCommandOption(string option) =>
        option.Length >= 2 && option[0] == '-' && option[1] != '-' && option.IndexOf('c') > 0 && option.Skip(1).All(char.IsLetter);
}
