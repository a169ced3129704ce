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
            // [OpenFile(3, "{config}", OpenFlags.O_RDONLY)]
            writer.Line("// " + (action.AttributeText ?? CaptureText(action)));
            string step = action.Kind switch
            {
                FileActionKind.Open => $"Open(fd: {CSharpLiteral.Int(action.Fd)}, path: {Text(action.Path!)}, flags: {SymbolicConstants.OpenFlags(action.Flags)}, mode: {CSharpLiteral.FileMode(unchecked((uint)action.Mode))})",
                FileActionKind.Close => $"Close(fd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.Dup2 => $"Dup2(sourceFd: {Descriptor(action.Source, action.SourceFd)}, fd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.Pipe or FileActionKind.Capture => $"Dup2(sourceFd: __{PipeName(action)}_child, fd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.Link => $"Dup2(sourceFd: __links[{CSharpLiteral.Int(action.SourceFd)}], fd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.Chdir => $"Chdir(path: {Text(action.Path!)})",
                FileActionKind.Fchdir => $"Fchdir(fd: {Descriptor(action.Source, action.Fd)})",
                FileActionKind.CloseFrom => $"CloseFrom(lowFd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.TcSetPgrp => $"TcSetPgrp(fd: {CSharpLiteral.Int(action.Fd)})",
                FileActionKind.SetNs => $"SetNs(fd: {Descriptor(action.Source, action.Fd)}, nsType: {SymbolicConstants.Namespaces(action.Flags)})",
                FileActionKind.Unshare => $"Unshare(flags: {SymbolicConstants.Namespaces(action.Flags)})",
                FileActionKind.SetGroups => $"SetGroups(count: {CSharpLiteral.Int(action.Flags)}, groups: {StepData(action, i)})",
                FileActionKind.SetGid => $"SetGid(gid: {Id(action)})",
                FileActionKind.SetUid => $"SetUid(uid: {Id(action)})",
                FileActionKind.Chroot => $"Chroot(path: {Text(action.Path!)})",
                FileActionKind.ParentDeathSignal => $"ParentDeathSignal(signal: {SymbolicConstants.Signal(action.Flags)})",
                FileActionKind.NoNewPrivileges => "NoNewPrivileges()",
                FileActionKind.ResourceLimit => $"ResourceLimit(resource: {Resource(action.Flags)}, limits: {StepData(action, i)})",
                FileActionKind.Umask => $"Umask(mask: {CSharpLiteral.FileMode(unchecked((uint)action.Mode))})",
                FileActionKind.ControllingTerminal => TerminalStep(action),
                _ => throw new InvalidOperationException("No native step for " + action.Kind),
            };

            // __actions[0] = global::Spawn.Interop.NativeFileAction.Dup2(sourceFd: __input_fd, fd: 0);
            writer.Line($"__actions[{CSharpLiteral.Int(i)}] = {Interop}NativeFileAction.{step};");
        }

        EmitSandboxSteps();
    }

    // The pipes of a CapturedOutput return come from the return type, not from an attribute.
    private static string CaptureText(FileActionModel capture) =>
        $"The captured output: {(capture.Fd == 1 ? "stdout" : "stderr")} into a pipe this method reads";

    // A constant uid or gid, or a uint parameter.
    private static string Id(FileActionModel action) =>
        action.Source is { } parameter ? CSharpName.Escape(parameter) : CSharpLiteral.UInt(unchecked((uint)action.Mode));

    private static string Resource(int resource) =>
        SymbolicConstants.ResourceName(resource) is { } name ? $"{CSharpLiteral.Int(resource)} /* {name} */" : CSharpLiteral.Int(resource);

    // setgroups' gid_t array or setrlimit's {soft, hard}, constants on the stack: the child reads them before exec.
    private string StepData(FileActionModel action, int index)
    {
        if (action.Values.Count == 0)
        {
            return "null";
        }

        bool groups = action.Kind == FileActionKind.SetGroups;
        string name = (groups ? "__groups" : "__limits") + CSharpLiteral.Int(index);
        if (groups)
        {
            // uint* __groups7 = stackalloc uint[] { 33u, 65534u };
            writer.Line($"uint* {name} = stackalloc uint[] {{ {string.Join(", ", action.Values.Select(value => CSharpLiteral.UInt((uint)value)))} }};");
        }
        else
        {
            // ulong* __limits5 = stackalloc ulong[] { 1024UL, 4096UL }; // soft, hard
            writer.Line($"ulong* {name} = stackalloc ulong[] {{ {string.Join(", ", action.Values.Select(Limit))} }}; // soft, hard");
        }

        return name;
    }

    private static string Limit(ulong value) => value == ulong.MaxValue ? "ulong.MaxValue /* RLIM_INFINITY */" : CSharpLiteral.ULong(value);

    // A descriptor from a constant, an int parameter, or a referenced handle's value.
    private string Descriptor(string? parameter, int constant) => parameter is null
        ? CSharpLiteral.Int(constant)
        : _parameters[parameter].Kind is ParameterKind.Handle or ParameterKind.Cgroup ? $"__{parameter}_fd" : CSharpName.Escape(parameter);

    private void EmitRequestAndSpawn()
    {
        SpawnAttributesModel attributes = spec.Attributes;
        if (attributes.Flags != 0)
        {
            foreach (string attributeText in attributes.AttributeTexts)
            {
                // [NewSession]
                writer.Line("// " + attributeText);
            }

            // global::Spawn.Interop.NativeSpawnAttributes __attributes = new() { Flags = ..., ... };
            writer.Block($"{Interop}NativeSpawnAttributes __attributes = new()");
            writer.Line($"Flags = {SymbolicConstants.SpawnFlags(attributes.Flags)},");
            if (attributes.ProcessGroupParameter is { } group)
            {
                writer.Line($"ProcessGroup = {CSharpName.Escape(group)},");
            }
            else if (attributes.ProcessGroup != 0)
            {
                writer.Line($"ProcessGroup = {CSharpLiteral.Int(attributes.ProcessGroup)},");
            }

            if (attributes.SignalDefault != 0)
            {
                writer.Line($"SignalDefault = {SymbolicConstants.SignalSet(attributes.SignalDefault)},");
            }

            if (attributes.SignalMask != 0)
            {
                writer.Line($"SignalMask = {SymbolicConstants.SignalSet(attributes.SignalMask)},");
            }

            if (attributes.SchedulerPolicy != 0)
            {
                string? policy = SymbolicConstants.SchedulerPolicyName(attributes.SchedulerPolicy);
                writer.Line($"SchedulerPolicy = {CSharpLiteral.Int(attributes.SchedulerPolicy)},{(policy is null ? string.Empty : " // " + policy)}");
            }

            if (attributes.SchedulerPriority != 0)
            {
                writer.Line($"SchedulerPriority = {CSharpLiteral.Int(attributes.SchedulerPriority)},");
            }

            if (spec.Cgroup is { } cgroup)
            {
                writer.Line($"CgroupFd = {(cgroup.Path is not null ? "__cgroup" : Descriptor(cgroup.Parameter, -1))},");
            }

            writer.Close(";");
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

        writer.Line("// Invoke - One call into the C core: clone3, the child's steps in order, exec.");
        writer.Block($"{Interop}NativeSpawnRequest __request = new()");
        writer.Line($"Path = {(spec.Program is null ? "__argv[0]" : "__program")},");
        writer.Line("Argv = __argv,");
        writer.Line($"Envp = {Envp},");
        writer.Line($"Actions = {(HasNativeActions ? "__actions" : "null")},");
        writer.Line($"ActionCount = {NativeActionCount},");
        writer.Line($"Attributes = {(attributes.Flags != 0 ? "&__attributes" : "null")},");
        writer.Line($"Options = {(options.Count == 0 ? Interop + "NativeSpawnOptions.None" : string.Join(" | ", options))},");
        writer.Close(";");
        writer.Line($"{Interop}NativeSpawnResult __result;");
        writer.Block($"if ({SpawnFunction}(&__request, &__result) != 0)");
        writer.Line($"throw {LowLevel}SpawnCore.CreateException(in __result, &__request);");
        writer.Close();
        if (_stage >= 0)
        {
            EmitStageHandOut();
        }
        else
        {
            EmitHandOut();
        }
    }

    private void EmitHandOut()
    {
        writer.Line("// Unmarshal - " + spec.Method.ReturnKind switch
        {
            SpecReturnKind.PidFd => "Hand out the child's pidfd",
            SpecReturnKind.Pid => "Hand out the child's pid",
            SpecReturnKind.ExitStatus when spec.Stop is null => "Keep the child's pidfd, to wait once the buffer and handles are released",
            SpecReturnKind.ExitStatus => "Keep the child's pidfd and pid: the wait makes a PidFd of them only for a stop",
            _ => "Take the child over as a PidFd",
        } + HandedOutWithTheChild());
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

        EmitTerminalHandOut();

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
                if (spec.Stop is not null)
                {
                    writer.Line("__pid = __result.Pid;");
                }

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

        EmitStopHandOut();
    }

    // ", and the parent's ends of the pipes and the terminal."
    private string HandedOutWithTheChild()
    {
        List<string> parts = [];
        if (Pipes().Any())
        {
            parts.Add("the parent's ends of the pipes");
        }

        if (spec.Terminal is not null)
        {
            parts.Add("the terminal");
        }

        return parts.Count == 0 ? "." : ", and " + string.Join(" and ", parts) + ".";
    }

    private void EmitWait()
    {
        if (spec.Stop is not null)
        {
            EmitStoppingWait();
            return;
        }

        switch (spec.Method.ReturnKind)
        {
            case SpecReturnKind.ExitStatus:
                writer.Line("// Wait - Now that the buffer and handles are released (waiting may be long): reap the child, close its pidfd.");
                writer.Block("try");
                writer.Line($"return {LowLevel}SpawnCore.WaitForExit(__pidfd);");
                writer.Close();
                writer.Block("finally");
                writer.Line($"{LowLevel}SpawnCore.Close(__pidfd);");
                writer.Close();
                break;
            case SpecReturnKind.ExitStatusAsync:
                writer.Line("// Wait - Await the exit through a pooled wait source, then dispose the child.");
                writer.Line($"return {SpecSupport}SpecExitWait.WaitThenDispose(__child, {CancellationToken()});");
                break;
            case SpecReturnKind.CapturedOutput:
                writer.Line("// Wait - Read stdout and stderr to their end, wait, and dispose the child and both ends.");
                writer.Line($"return {SpecSupport}SpecCapture.Capture(__child, __output, __error);");
                break;
            case SpecReturnKind.CapturedOutputAsync:
                writer.Line("// Wait - Read stdout and stderr to their end, await the exit, and dispose the child and both ends.");
                writer.Line($"return {SpecSupport}SpecCapture.CaptureAsync(__child, __output, __error, {CancellationToken()});");
                break;
        }
    }

    private string CancellationToken() =>
        spec.Method.Parameters.FirstOrDefault(parameter => parameter.Kind == ParameterKind.CancellationToken) is { } token
            ? CSharpName.Escape(token.Name)
            : "global::System.Threading.CancellationToken.None";
}
