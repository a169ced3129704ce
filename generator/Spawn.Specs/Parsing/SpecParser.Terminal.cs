using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// <c>[Terminal]</c> and its <c>out Terminal</c> parameter: the window size and modes, and the terminal
/// step, which runs first so that every later step (a stdio redirection above all) wins over it.
/// </summary>
internal sealed partial class SpecParser
{
    private const int DefaultTerminalRows = 24;
    private const int DefaultTerminalColumns = 80;
    private const int LargestTerminalDimension = ushort.MaxValue; // struct winsize holds unsigned shorts
    private const int AllStandardDescriptors = 0b111;

    private TerminalModel ReadTerminal(AttributeData attribute)
    {
        int rows = DefaultTerminalRows, columns = DefaultTerminalColumns;
        bool echo = true, raw = false;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            switch (named.Key, named.Value.Value)
            {
                case ("Rows", int value):
                    rows = CheckTerminalDimension(attribute, named.Key, value);
                    break;
                case ("Columns", int value):
                    columns = CheckTerminalDimension(attribute, named.Key, value);
                    break;
                case ("Echo", bool value):
                    echo = value;
                    break;
                case ("Raw", bool value):
                    raw = value;
                    break;
            }
        }

        IParameterSymbol[] terminals = [.. _method.Parameters.Where(IsTerminalParameter)];
        if (terminals.Length == 0)
        {
            Report(SpecProblemKind.TerminalParameterMismatch, LocationOf(attribute), null, _method.Name, "[Terminal] needs an 'out Terminal' parameter to hand the terminal out");
        }

        foreach (IParameterSymbol extra in terminals.Skip(1))
        {
            Report(SpecProblemKind.TerminalParameterMismatch, _parameterLocations[extra.Name], extra.Name, _method.Name, $"one terminal is handed out, but '{extra.Name}' is a second 'out Terminal' parameter");
            _used.Add(extra.Name);
        }

        string? parameter = terminals.FirstOrDefault()?.Name;
        if (parameter is not null)
        {
            _used.Add(parameter);
        }

        return new TerminalModel(parameter, rows, columns, echo, raw) { AttributeText = AttributeText(attribute) };
    }

    private bool IsTerminalParameter(IParameterSymbol parameter) =>
        _parameters.TryGetValue(parameter.Name, out ParameterModel? model) && model.Kind == ParameterKind.Terminal;

    private int CheckTerminalDimension(AttributeData attribute, string name, int value)
    {
        if (value is < 1 or > LargestTerminalDimension)
        {
            Report(SpecProblemKind.InvalidTerminalSize, NamedArgumentLocation(attribute, name), null, name, value.ToString(CultureInfo.InvariantCulture));
        }

        return value;
    }

    // The terminal step goes first, on the standard descriptors no redirection (or capture) takes:
    // the stdio actions run after it and would replace the terminal there anyway.
    private void InsertTerminalStep(TerminalModel? terminal, ImmutableArray<FileActionModel>.Builder stdio, SpawnAttributesModel attributes, SpecReturnKind? returnKind)
    {
        if (terminal is null)
        {
            foreach (IParameterSymbol orphan in _method.Parameters.Where(IsTerminalParameter))
            {
                Report(SpecProblemKind.TerminalParameterMismatch, _parameterLocations[orphan.Name], orphan.Name, _method.Name, $"'{orphan.Name}' is an 'out Terminal' parameter, but the spec has no [Terminal]");
                _used.Add(orphan.Name);
            }

            return;
        }

        if ((attributes.Flags & SpawnFlagBits.SetProcessGroup) != 0)
        {
            Report(SpecProblemKind.TerminalSessionConflict, MethodLocation, null, _method.Name);
        }

        // A pipeline waits for its stages too, and its stages would each open a pair: PipelineStatus is refused here as well.
        if (returnKind is SpecReturnKind.ExitStatus or SpecReturnKind.CapturedOutput or SpecReturnKind.PipelineStatus && terminal.Parameter is { } waited)
        {
            Report(SpecProblemKind.TerminalReadAfterWait, MethodLocation, waited, _method.Name, waited);
        }

        int descriptors = AllStandardDescriptors;
        foreach (FileActionModel redirect in stdio)
        {
            if (redirect.Fd is >= 0 and <= 2)
            {
                descriptors &= ~(1 << redirect.Fd);
            }
        }

        stdio.Insert(0, new FileActionModel(FileActionKind.ControllingTerminal, -1, -1, terminal.Parameter, null, descriptors, 0)
        {
            AttributeText = terminal.AttributeText,
        });
    }

    private Location NamedArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            && list.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name) is { } named)
        {
            return named.GetLocation();
        }

        return LocationOf(attribute);
    }
}
