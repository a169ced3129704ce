using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>File actions, attributes, the request, the one spawn call, and what the method returns.</summary>
internal sealed partial class MethodEmitter
{
    private void EmitFileActions()
    {
        for (int i = 0; i < spec.FileActions.Count; i++)
        {
            FileActionModel action = spec.FileActions[i];
            string kind = action.Kind is FileActionKind.Pipe or FileActionKind.Capture ? "Dup2" : action.Kind.ToString();
            List<string> fields = [$"Kind = global::Spawn.SpawnFileActionKind.{kind}"];
            switch (action.Kind)
            {
                case FileActionKind.Open:
                    fields.Add($"Fd = {CSharpLiteral.Int(action.Fd)}");
                    fields.Add($"OpenFlags = {CSharpLiteral.Hex((uint)action.Flags)}");
                    fields.Add($"Mode = {CSharpLiteral.Int(action.Mode)}");
                    fields.Add($"Path = {Text(action.Path!)}");
                    break;
                case FileActionKind.Chdir:
                    fields.Add($"Path = {Text(action.Path!)}");
                    break;
                case FileActionKind.Dup2:
                    fields.Add($"Fd = {CSharpLiteral.Int(action.Fd)}");
                    fields.Add($"SourceFd = {Descriptor(action.Source, action.SourceFd)}");
                    break;
                case FileActionKind.Pipe or FileActionKind.Capture:
                    fields.Add($"Fd = {CSharpLiteral.Int(action.Fd)}");
                    fields.Add($"SourceFd = __{PipeName(action)}_child");
                    break;
                case FileActionKind.Fchdir:
                    fields.Add($"Fd = {Descriptor(action.Source, action.Fd)}");
                    break;
                case FileActionKind.SetNs:
                    fields.Add($"Fd = {Descriptor(action.Source, action.Fd)}");
                    fields.Add($"OpenFlags = {CSharpLiteral.Hex((uint)action.Flags)}");
                    break;
                case FileActionKind.Unshare:
                    fields.Add($"OpenFlags = {CSharpLiteral.Hex((uint)action.Flags)}");
                    break;
                case FileActionKind.ParentDeathSignal:
                    fields.Add($"OpenFlags = {CSharpLiteral.Int(action.Flags)}");
                    break;
                case FileActionKind.SetGroups or FileActionKind.ResourceLimit:
                    fields.Add($"OpenFlags = {CSharpLiteral.Int(action.Flags)}");
                    if (action.Values.Count > 0)
                    {
                        fields.Add($"Path = (byte*){StepData(action, i)}");
                    }

                    break;
                case FileActionKind.SetGid or FileActionKind.SetUid:
                    fields.Add("Mode = " + (action.Source is { } id ? CSharpName.Escape(id) : CSharpLiteral.UInt(unchecked((uint)action.Mode))));
                    break;
                case FileActionKind.Umask:
                    fields.Add($"Mode = {CSharpLiteral.PermissionBits((uint)action.Mode)}");
                    break;
                case FileActionKind.Chroot:
                    fields.Add($"Path = {Text(action.Path!)}");
                    break;
                case FileActionKind.NoNewPrivileges:
                    break;
                default:
                    fields.Add($"Fd = {CSharpLiteral.Int(action.Fd)}");
                    break;
            }

            // __actions[0] = new global::Spawn.Interop.NativeFileAction { Kind = ..., Fd = 1, ... };
            writer.Line($"__actions[{CSharpLiteral.Int(i)}] = new {Interop}NativeFileAction {{ {string.Join(", ", fields)} }};");
        }
    }

    // setgroups' gid_t array or setrlimit's {soft, hard}, constants on the stack: the child reads them before exec.
    private string StepData(FileActionModel action, int index)
    {
        bool groups = action.Kind == FileActionKind.SetGroups;
        string type = groups ? "uint" : "ulong";
        string name = $"__step{CSharpLiteral.Int(index)}";
        string values = string.Join(", ", action.Values.Select(value => groups ? CSharpLiteral.UInt((uint)value) : CSharpLiteral.ULong(value)));
        // uint* __step3 = stackalloc uint[] { 65534u };
        writer.Line($"{type}* {name} = stackalloc {type}[] {{ {values} }};");
        return name;
    }

    // A descriptor from a constant, an int parameter, or a referenced handle's value.
    private string Descriptor(string? parameter, int constant) => parameter is null
        ? CSharpLiteral.Int(constant)
        : _parameters[parameter].Kind is ParameterKind.Handle or ParameterKind.Cgroup ? $"__{parameter}_fd" : CSharpName.Escape(parameter);

    private void EmitRequestAndSpawn()
    {
        SpawnAttributesModel attributes = spec.Attributes;
        if (attributes.Flags != 0)
        {
            List<string> fields = [$"Flags = (global::Spawn.SpawnFlags){CSharpLiteral.Hex(attributes.Flags)}"];
            if (attributes.ProcessGroupParameter is { } group)
            {
                fields.Add("ProcessGroup = " + CSharpName.Escape(group));
            }
            else if (attributes.ProcessGroup != 0)
            {
                fields.Add("ProcessGroup = " + CSharpLiteral.Int(attributes.ProcessGroup));
            }

            if (attributes.SignalDefault != 0)
            {
                fields.Add($"SignalDefault = {CSharpLiteral.Hex(attributes.SignalDefault)}UL");
            }

            if (attributes.SignalMask != 0)
            {
                fields.Add($"SignalMask = {CSharpLiteral.Hex(attributes.SignalMask)}UL");
            }

            if (attributes.SchedulerPolicy != 0)
            {
                fields.Add("SchedulerPolicy = " + CSharpLiteral.Int(attributes.SchedulerPolicy));
            }

            if (attributes.SchedulerPriority != 0)
            {
                fields.Add("SchedulerPriority = " + CSharpLiteral.Int(attributes.SchedulerPriority));
            }

            if (spec.Cgroup is { } cgroup)
            {
                fields.Add("CgroupFd = " + (cgroup.Path is not null ? "__cgroup" : Descriptor(cgroup.Parameter, -1)));
            }

            // global::Spawn.Interop.NativeSpawnAttributes __attributes = new() { Flags = ..., ... };
            writer.Line($"{Interop}NativeSpawnAttributes __attributes = new() {{ {string.Join(", ", fields)} }};");
        }

        List<string> options = [];
        if (spec.SearchPath)
        {
            options.Add(Interop + "NativeSpawnOptions.SearchPath");
        }

        if (spec.Method.ReturnKind != SpecReturnKind.Pid)
        {
            options.Add(Interop + "NativeSpawnOptions.ReturnPidFd");
        }

        writer.Block($"{Interop}NativeSpawnRequest __request = new()");
        writer.Line($"Path = {(spec.Program is null ? "__argv[0]" : "__program")},");
        writer.Line("Argv = __argv,");
        writer.Line($"Envp = {(spec.Environment is null ? "null" : "__envp")},");
        writer.Line($"Actions = {(spec.FileActions.Count > 0 ? "__actions" : "null")},");
        writer.Line($"ActionCount = {CSharpLiteral.Int(spec.FileActions.Count)},");
        writer.Line($"Attributes = {(attributes.Flags != 0 ? "&__attributes" : "null")},");
        writer.Line($"Options = {(options.Count == 0 ? Interop + "NativeSpawnOptions.None" : string.Join(" | ", options))},");
        writer.Close(";");
        writer.Line($"{Interop}NativeSpawnResult __result;");
        // One call into the C core: clone3, the child's setup, exec.
        writer.Block($"if ({LowLevel}SpawnCore.Spawn(&__request, &__result) != 0)");
        writer.Line($"throw {LowLevel}SpawnCore.CreateException(in __result, &__request);");
        writer.Close();
        EmitHandOut();
    }

    private void EmitHandOut()
    {
        foreach (FileActionModel pipe in Pipes().Where(pipe => pipe.Kind == FileActionKind.Pipe))
        {
            ParameterModel parameter = _parameters[pipe.Source!];
            string value = parameter.Kind == ParameterKind.PipeStream
                ? $"{SpecSupport}SpecDescriptors.ToStream(__{pipe.Source}_parent, write: {(pipe.Fd == 0 ? "true" : "false")})"
                : $"{SpecSupport}SpecDescriptors.ToHandle(__{pipe.Source}_parent)";
            // stdout = global::Spawn.Specs.Support.SpecDescriptors.ToStream(__stdout_parent, write: false);
            writer.Line($"{CSharpName.Escape(parameter.Name)} = {value};");
            writer.Line($"__{pipe.Source}_parent = -1;");
        }

        switch (spec.Method.ReturnKind)
        {
            case SpecReturnKind.PidFd:
                writer.Line("return global::Spawn.PidFd.FromRaw(__result.PidFd, __result.Pid);");
                break;
            case SpecReturnKind.Pid:
                writer.Line("return __result.Pid;");
                break;
            case SpecReturnKind.ExitStatus:
                writer.Line("__pidfd = __result.PidFd;");
                break;
            default:
                writer.Line("__child = global::Spawn.PidFd.FromRaw(__result.PidFd, __result.Pid);");
                break;
        }

        if (spec.Method.ReturnKind is SpecReturnKind.CapturedOutput or SpecReturnKind.CapturedOutputAsync)
        {
            // The capture takes the read ends over: the finally below must not close them.
            writer.Line("__output = __captured_stdout_parent;");
            writer.Line("__captured_stdout_parent = -1;");
            writer.Line("__error = __captured_stderr_parent;");
            writer.Line("__captured_stderr_parent = -1;");
        }
    }

    private void EmitWait()
    {
        switch (spec.Method.ReturnKind)
        {
            case SpecReturnKind.ExitStatus:
                // Wait after the buffers and handles are released: waiting may be long.
                writer.Block("try");
                writer.Line($"return {LowLevel}SpawnCore.WaitForExit(__pidfd);");
                writer.Close();
                writer.Block("finally");
                writer.Line($"{LowLevel}SpawnCore.Close(__pidfd);");
                writer.Close();
                break;
            case SpecReturnKind.ExitStatusAsync:
                // Awaits through a pooled wait source, then disposes the child.
                writer.Line($"return {SpecSupport}SpecExitWait.WaitThenDispose(__child, {CancellationToken()});");
                break;
            case SpecReturnKind.CapturedOutput:
                // Reads stdout and stderr to their end, waits, and disposes the child and both ends.
                writer.Line($"return {SpecSupport}SpecCapture.Capture(__child, __output, __error);");
                break;
            case SpecReturnKind.CapturedOutputAsync:
                writer.Line($"return {SpecSupport}SpecCapture.CaptureAsync(__child, __output, __error, {CancellationToken()});");
                break;
        }
    }

    private string CancellationToken() =>
        spec.Method.Parameters.FirstOrDefault(parameter => parameter.Kind == ParameterKind.CancellationToken) is { } token
            ? CSharpName.Escape(token.Name)
            : "global::System.Threading.CancellationToken.None";
}
