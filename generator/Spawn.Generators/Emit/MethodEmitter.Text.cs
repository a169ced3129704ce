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
            writer.Line($"byte** __inherited = {InheritedEnvironment};");
            writer.Line($"int __inheritedCount = {SpecSupport}SpecEnvironment.Count(__inherited);");
        }

        // int __argvSlots = 3 + args.Length + 1; // 3 arguments, those of args, argv's terminating null
        int fixedArguments = spec.Arguments.Count(argument => argument.Splat is null);
        string[] splats = [.. spec.Arguments.Where(argument => argument.Splat is not null).Select(argument => CSharpName.Escape(argument.Splat!))];
        string argvSlots = string.Concat(splats.Select(splat => " + " + splat + ".Length"));
        string splatNote = splats.Length == 0 ? string.Empty : ", those of " + string.Join(" and ", splats);
        writer.Line($"int __argvSlots = {CSharpLiteral.Int(fixedArguments)}{argvSlots} + 1; // {Count(fixedArguments, "argument")}{splatNote}, argv's terminating null");
        string slots = "__argvSlots";
        if (spec.Environment is { } environment)
        {
            string inherited = environment.Clear ? string.Empty : "__inheritedCount + ";
            string inheritedNote = environment.Clear ? string.Empty : "the inherited variables, ";
            writer.Line($"int __envpSlots = {inherited}{CSharpLiteral.Int(environment.Variables.Count)} + 1; // {inheritedNote}{Count(environment.Variables.Count, "variable")} set here, envp's terminating null");
            slots += " + __envpSlots";
        }

        writer.Line($"int __slotsLength = {(spec.Environment is null ? slots : "(" + slots + ")")} * sizeof(nint); // the pointers, at the buffer's start");

        // Text built at run time, after the pointers: each template with a parameter, NUL-terminated
        // (constant ones are literals, never copied).
        int terminators = 0;
        int fixedLength = 0;
        List<string> fixedTexts = [];
        int numberLength = 0;
        List<string> numberNotes = [];
        List<string> dynamic = [];
        foreach (TemplateModel template in AllTemplates().Where(template => !template.IsConstant))
        {
            if (template.Splat is { } splat)
            {
                dynamic.Add($"{SpecSupport}SpecText.MeasureAll({CSharpName.Escape(splat)})");
                continue;
            }

            terminators++;
            foreach (SegmentModel segment in template.Segments)
            {
                if (!segment.IsParameter)
                {
                    fixedLength += CSharpLiteral.Utf8Length(segment.Text);
                    fixedTexts.Add(CSharpLiteral.String(segment.Text));
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
                        int longest = Math.Max(MaxIntegerLength, parameter.EnumMembers.Select(CSharpLiteral.Utf8Length).DefaultIfEmpty(0).Max());
                        numberLength += longest;
                        numberNotes.Add($"{{{parameter.Name}}} {CSharpLiteral.Int(longest)}");
                        break;
                    default:
                        numberLength += MaxIntegerLength;
                        numberNotes.Add($"{{{parameter.Name}}} {CSharpLiteral.Int(MaxIntegerLength)}");
                        break;
                }
            }
        }

        List<string> terms = ["__slotsLength"];
        if (terminators > 0)
        {
            writer.Line($"int __textTerminators = {CSharpLiteral.Int(terminators)}; // a NUL after each text built at run time");
            terms.Add("__textTerminators");
        }

        if (fixedLength > 0)
        {
            writer.Line($"int __textFixedLength = {CSharpLiteral.Int(fixedLength)}; // the UTF-8 bytes of the spec's literal text in them: {string.Join(", ", fixedTexts)}");
            terms.Add("__textFixedLength");
        }

        if (numberLength > 0)
        {
            writer.Line($"int __textNumberLength = {CSharpLiteral.Int(numberLength)}; // each number or enum name at its longest: {string.Join(", ", numberNotes)}");
            terms.Add("__textNumberLength");
        }

        // int __size = checked(__slotsLength + __textTerminators + global::Spawn.Specs.Support.SpecText.Measure(path));
        terms.AddRange(dynamic);
        writer.Line(terms.Count == 1 ? "int __size = __slotsLength;" : $"int __size = checked({string.Join(" + ", terms)});");
    }

    // "1 argument", "3 arguments".
    internal static string Count(int count, string noun) => $"{CSharpLiteral.Int(count)} {noun}{(count == 1 ? string.Empty : "s")}";

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

        foreach (string attributeText in environment.AttributeTexts)
        {
            // [SetEnvironment("LANG", "C")]
            writer.Line("// " + attributeText);
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
