using Spawn.Specs;
using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>Measuring and writing the text: argv, envp, and the paths of file actions.</summary>
internal sealed partial class MethodEmitter
{
    private const int MaxIntegerLength = 20;

    private IEnumerable<TemplateModel> AllTemplates()
    {
        IEnumerable<TemplateModel> templates = spec.Arguments;
        if (spec.Program is { } program)
        {
            templates = templates.Append(program);
        }

        if (spec.Environment is { } environment)
        {
            templates = templates.Concat(environment.Variables.Select(EnvironmentEntry));
        }

        return templates.Concat(spec.FileActions.Select(action => action.Path).OfType<TemplateModel>());
    }

    private void EmitMeasure()
    {
        if (InheritsChangedEnvironment)
        {
            // byte** __inherited = global::Spawn.Specs.Support.SpecEnvironment.Current;
            writer.Line($"byte** __inherited = {SpecSupport}SpecEnvironment.Current;");
            writer.Line($"int __inheritedCount = {SpecSupport}SpecEnvironment.Count(__inherited);");
        }

        // int __argvSlots = 4 + args.Length;
        string argvSlots = CSharpLiteral.Int(spec.Arguments.Count(argument => argument.Splat is null) + 1)
            + string.Concat(spec.Arguments.Where(argument => argument.Splat is not null).Select(argument => " + " + CSharpName.Escape(argument.Splat!) + ".Length"));
        writer.Line($"int __argvSlots = {argvSlots};");
        string slots = "__argvSlots";
        if (spec.Environment is { } environment)
        {
            string inherited = environment.Clear ? string.Empty : "__inheritedCount + ";
            writer.Line($"int __envpSlots = {inherited}{CSharpLiteral.Int(environment.Variables.Count + 1)};");
            slots += " + __envpSlots";
        }

        writer.Line($"int __slotsLength = ({slots}) * sizeof(nint);");

        // int __size = checked(__slotsLength + 21 + global::Spawn.Specs.Support.SpecText.Measure(path));
        int constant = 0;
        List<string> dynamic = [];
        foreach (TemplateModel template in AllTemplates().Where(template => !template.IsConstant))
        {
            if (template.Splat is { } splat)
            {
                dynamic.Add($"{SpecSupport}SpecText.MeasureAll({CSharpName.Escape(splat)})");
                continue;
            }

            constant++;
            foreach (SegmentModel segment in template.Segments)
            {
                if (!segment.IsParameter)
                {
                    constant += CSharpLiteral.Utf8Length(segment.Text);
                    continue;
                }

                ParameterModel parameter = _parameters[segment.Text];
                switch (parameter.Kind)
                {
                    case ParameterKind.String or ParameterKind.CharSpan:
                        dynamic.Add($"{SpecSupport}SpecText.Measure({CSharpName.Escape(parameter.Name)})");
                        break;
                    case ParameterKind.Utf8Span:
                        dynamic.Add(CSharpName.Escape(parameter.Name) + ".Length");
                        break;
                    case ParameterKind.Enum:
                        constant += Math.Max(MaxIntegerLength, parameter.EnumMembers.Select(CSharpLiteral.Utf8Length).DefaultIfEmpty(0).Max());
                        break;
                    default:
                        constant += MaxIntegerLength;
                        break;
                }
            }
        }

        IEnumerable<string> terms = constant == 0 ? dynamic : dynamic.Prepend(CSharpLiteral.Int(constant));
        string size = string.Join(" + ", terms.Prepend("__slotsLength"));
        writer.Line($"int __size = checked({size});");
    }

    private void EmitArguments()
    {
        writer.Line("int __argc = 0;");
        foreach (TemplateModel argument in spec.Arguments)
        {
            if (argument.Splat is { } splat)
            {
                // __writer.WriteAll(args, __argv + __argc);
                writer.Line($"__writer.WriteAll({CSharpName.Escape(splat)}, __argv + __argc);");
                writer.Line($"__argc += {CSharpName.Escape(splat)}.Length;");
                continue;
            }

            if (argument.Conditions.Count > 0)
            {
                // if (verbose)
                writer.Block($"if ({string.Join(" && ", argument.Conditions.Select(CSharpName.Escape))})");
            }

            writer.Line($"__argv[__argc++] = {Text(argument)};");
            if (argument.Conditions.Count > 0)
            {
                writer.Close();
            }
        }

        writer.Line("__argv[__argc] = null;");
        if (spec.Program is { } program)
        {
            writer.Line($"byte* __program = {Text(program)};");
        }
    }

    private void EmitEnvironment()
    {
        if (spec.Environment is not { } environment)
        {
            return;
        }

        writer.Line("byte** __envp = __argv + __argvSlots;");
        if (environment.Clear)
        {
            writer.Line("int __envc = 0;");
        }
        else
        {
            // Inherited variables, less the removed and the replaced ones.
            string excluded = string.Concat(environment.Removed.Concat(environment.Variables.Select(variable => variable.Name)).Select(name => name + "="));
            writer.Line($"int __envc = {SpecSupport}SpecEnvironment.CopyExcept(__inherited, __envp, __inheritedCount, {CSharpLiteral.Utf8(excluded, terminate: false)});");
        }

        foreach (EnvironmentVariableModel variable in environment.Variables)
        {
            writer.Line($"__envp[__envc++] = {Text(EnvironmentEntry(variable))};");
        }

        writer.Line("__envp[__envc] = null;");
    }

    // NAME=value as one template.
    private static TemplateModel EnvironmentEntry(EnvironmentVariableModel variable) =>
        variable.Value with { Segments = new[] { new SegmentModel(false, variable.Name + "=") }.Concat(variable.Value.Segments).ToEquatableArray() };

    /// <summary>
    /// An expression for the address of a template's NUL-terminated text: a literal when constant,
    /// else one statement per segment into the writer and <c>__writer.End()</c>.
    /// </summary>
    private string Text(TemplateModel template)
    {
        if (template.IsConstant || template.Segments.All(segment => !segment.IsParameter))
        {
            return Literal(template.ConstantText);
        }

        writer.Line("__writer.Begin();");
        foreach (SegmentModel segment in template.Segments)
        {
            writer.Line(Append(segment) + ";");
        }

        return "__writer.End()";
    }

    private string Append(SegmentModel segment)
    {
        if (!segment.IsParameter)
        {
            return $"__writer.AppendLiteral({CSharpLiteral.Utf8(segment.Text, terminate: false)})";
        }

        ParameterModel parameter = _parameters[segment.Text];
        string name = CSharpName.Escape(parameter.Name);
        return parameter.Kind switch
        {
            ParameterKind.String or ParameterKind.CharSpan => $"__writer.AppendText({name})",
            ParameterKind.Utf8Span => $"__writer.AppendUtf8({name})",
            ParameterKind.Enum => $"__writer.AppendName({name} switch {{ {string.Concat(parameter.EnumMembers.Select(member => $"{parameter.Type}.{CSharpName.Escape(member)} => {CSharpLiteral.Utf8(member, terminate: false)}, "))}_ => default(global::System.ReadOnlySpan<byte>) }}, ({(parameter.IsUnsigned ? "ulong" : "long")}){name})",
            _ => $"__writer.AppendInteger(({(parameter.IsUnsigned ? "ulong" : "long")}){name})",
        };
    }
}
