using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>
/// Writes one <c>[SpawnSpec]</c> method: measure, take one buffer (stack below
/// <see cref="StackThreshold"/>, rented above), write argv / envp / file actions / attributes into
/// it, call <c>SpawnCore.Spawn</c> once, release, then return or wait.
/// </summary>
internal sealed partial class MethodEmitter(SourceWriter writer, SpawnSpecModel spec)
{
    private const int StackThreshold = 1024;
    private const string LowLevel = "global::Spawn.LowLevel.";
    private const string Interop = "global::Spawn.Interop.";
    private const string SpecSupport = "global::Spawn.Specs.Support.";

    private readonly Dictionary<string, ParameterModel> _parameters =
        spec.Method.Parameters.ToDictionary(parameter => parameter.Name, StringComparer.Ordinal);

    private bool InheritsChangedEnvironment => spec.Environment is { Clear: false };

    public void Emit()
    {
        MethodModel method = spec.Method;
        string parameters = string.Join(", ", method.Parameters.Select(parameter => parameter.Modifier + parameter.Type + " " + CSharpName.Escape(parameter.Name)));
        writer.Line(SpecEmitter.GeneratedCode);
        writer.Line("[global::System.Runtime.CompilerServices.SkipLocalsInit]");
        // public static partial int Run(string path)
        writer.Block($"{method.Accessibility} static partial {method.ReturnType} {CSharpName.Escape(method.Name)}({parameters})");
        foreach (ParameterModel parameter in method.Parameters.Where(parameter => parameter.Kind is ParameterKind.String or ParameterKind.StringArray or ParameterKind.Handle or ParameterKind.Cgroup))
        {
            // global::System.ArgumentNullException.ThrowIfNull(path);
            writer.Line($"global::System.ArgumentNullException.ThrowIfNull({CSharpName.Escape(parameter.Name)});");
        }

        EmitStopChecks();

        writer.Block("unsafe");
        if (spec.Pipes.Count > 0)
        {
            new PipelineEmitter(writer, spec).Emit();
        }
        else
        {
            EmitSpawn();
            EmitWait();
        }

        writer.Close();
        writer.Close();
    }

    // The one spawn: measure, take the buffer, marshal, call the C core, hand out, release.
    private void EmitSpawn()
    {
        writer.Line($"// Setup - Count the pointers of argv{(spec.Environment is null ? string.Empty : " and envp")} and measure the text built at run time: one buffer holds both.");
        EmitSandboxRead();
        EmitMeasure();
        EmitLocals();
        writer.Block("try");
        EmitAcquire();
        // fixed (byte* __start = __buffer)
        writer.Block("fixed (byte* __start = __buffer)");
        List<string> written = ["argv"];
        if (spec.Environment is not null)
        {
            written.Add("envp");
        }

        if (HasNativeActions)
        {
            written.Add("the child's steps");
        }

        // Marshal - Write argv, envp and the child's steps as the C core reads them.
        string list = written.Count == 1 ? written[0] : string.Join(", ", written.Take(written.Count - 1)) + " and " + written[written.Count - 1];
        writer.Line($"// Marshal - Write {list} as the C core reads them.");
        writer.Line("byte** __argv = (byte**)__start;");
        writer.Line($"{LowLevel}SpawnBufferWriter __writer = new(__start + __slotsLength, __buffer.Length - __slotsLength);");
        // [SpawnSpec("git", "-C", "{repo}", "status")]
        writer.Line("// " + spec.SpecAttributeText);
        EmitArguments();
        EmitEnvironment();
        EmitFileActions();
        EmitRequestAndSpawn();
        writer.Close();
        writer.Close();
        writer.Block("finally");
        writer.Line("// Cleanup - " + CleanupText());
        EmitRelease();
        writer.Close();
    }

    private void EmitLocals()
    {
        // byte[]? __rented = null;
        writer.Line($"// Up to {CSharpLiteral.Int(StackThreshold)} bytes on the stack; more in an array rented from the shared pool.");
        writer.Line("byte[]? __rented = null;");
        writer.Line($"global::System.Span<byte> __buffer = __size <= {StackThreshold} ? stackalloc byte[{StackThreshold}] : (__rented = global::System.Buffers.ArrayPool<byte>.Shared.Rent(__size));");
        if (HasNativeActions)
        {
            // global::Spawn.Interop.NativeFileAction* __actions = stackalloc global::Spawn.Interop.NativeFileAction[2];
            writer.Line($"{Interop}NativeFileAction* __actions = stackalloc {Interop}NativeFileAction[{NativeActionCount}];");
        }

        foreach (ParameterModel handle in HandleParameters())
        {
            // bool __file_added = false;
            writer.Line($"bool __{handle.Name}_added = false;");
        }

        foreach (FileActionModel pipe in Pipes())
        {
            // int __stdout_parent = -1, __stdout_child = -1;
            writer.Line($"int __{PipeName(pipe)}_parent = -1, __{PipeName(pipe)}_child = -1;");
        }

        if (spec.Cgroup is { Path: not null })
        {
            writer.Line("int __cgroup = -1;");
        }

        EmitTerminalLocals();

        switch (spec.Method.ReturnKind)
        {
            case SpecReturnKind.ExitStatus:
                // A bare descriptor, not a PidFd: the synchronous wait allocates nothing while the child ends in time.
                writer.Line(spec.Stop is null ? "int __pidfd;" : "int __pidfd, __pid;");
                break;
            case SpecReturnKind.ExitStatusAsync:
                writer.Line("global::Spawn.PidFd __child;");
                break;
            case SpecReturnKind.CapturedOutput or SpecReturnKind.CapturedOutputAsync:
                writer.Line("global::Spawn.PidFd __child;");
                writer.Line("int __output, __error;");
                break;
        }

        EmitStopLocals();
    }

    // Descriptors from SafeHandle or Cgroup parameters, referenced once however often they are used.
    private IEnumerable<ParameterModel> HandleParameters()
    {
        IEnumerable<string?> sources = spec.FileActions.Select(action => action.Source).Append(spec.Cgroup?.Parameter);
        return sources
            .Where(name => name is not null && _parameters[name].Kind is ParameterKind.Handle or ParameterKind.Cgroup)
            .Distinct(StringComparer.Ordinal)
            .Select(name => _parameters[name!]);
    }

    private IEnumerable<FileActionModel> Pipes() => spec.FileActions.Where(action => action.Kind is FileActionKind.Pipe or FileActionKind.Capture);

    // The pipe's locals are __{name}_parent and __{name}_child: an out parameter's name, or the captured stream's.
    private static string PipeName(FileActionModel pipe) =>
        pipe.Kind == FileActionKind.Capture ? (pipe.Fd == 1 ? "captured_stdout" : "captured_stderr") : pipe.Source!;

    private void EmitAcquire()
    {
        List<string> pinned = [];
        if (HandleParameters().Any())
        {
            pinned.Add("keep the handles' descriptors open until the call returns");
        }

        if (Pipes().Any())
        {
            pinned.Add("open the pipes");
        }

        if (spec.Cgroup is { Path: not null })
        {
            pinned.Add("open the cgroup folder");
        }

        if (spec.Terminal is not null)
        {
            pinned.Add("open the terminal pair");
        }

        if (Sandbox is not null)
        {
            pinned.Add("keep the sandbox's Landlock ruleset open");
        }

        if (pinned.Count > 0)
        {
            writer.Line("// Pin - " + Sentence(pinned));
        }

        foreach (ParameterModel handle in HandleParameters())
        {
            string expression = HandleExpression(handle);
            // file.DangerousAddRef(ref __file_added);
            writer.Line($"{expression}.DangerousAddRef(ref __{handle.Name}_added);");
            writer.Line($"int __{handle.Name}_fd = (int){expression}.DangerousGetHandle();");
        }

        foreach (FileActionModel pipe in Pipes())
        {
            // [StandardInput(Redirect.Pipe)]
            writer.Line("// " + (pipe.AttributeText ?? CaptureText(pipe)));
            // The child reads its stdin from the pipe's read end and writes its other streams into the write end.
            string name = PipeName(pipe);
            string ends = pipe.Fd == 0 ? $"out __{name}_child, out __{name}_parent" : $"out __{name}_parent, out __{name}_child";
            writer.Line($"{SpecSupport}SpecDescriptors.CreatePipe({ends});");
        }

        if (spec.Cgroup is { Path: { } path })
        {
            // [Cgroup("/sys/fs/cgroup/workers")]
            writer.Line("// " + spec.Cgroup.AttributeText);
            // __cgroup = global::Spawn.Specs.Support.SpecDescriptors.OpenCgroup(...);
            writer.Line($"__cgroup = {SpecSupport}SpecDescriptors.OpenCgroup({Literal(path)});");
        }

        EmitTerminalOpen();
        EmitStopAcquire();
        EmitSandboxEnter();
    }

    private void EmitRelease()
    {
        EmitStopRelease();
        foreach (FileActionModel pipe in Pipes())
        {
            writer.Line($"if (__{PipeName(pipe)}_child >= 0) {LowLevel}SpawnCore.Close(__{PipeName(pipe)}_child);");
            writer.Line($"if (__{PipeName(pipe)}_parent >= 0) {LowLevel}SpawnCore.Close(__{PipeName(pipe)}_parent);");
        }

        if (spec.Cgroup is { Path: not null })
        {
            writer.Line($"if (__cgroup >= 0) {LowLevel}SpawnCore.Close(__cgroup);");
        }

        EmitTerminalRelease();

        foreach (ParameterModel handle in HandleParameters())
        {
            string expression = HandleExpression(handle);
            writer.Line($"if (__{handle.Name}_added) {expression}.DangerousRelease();");
        }

        EmitSandboxExit();
        writer.Line("if (__rented is not null) global::System.Buffers.ArrayPool<byte>.Shared.Return(__rented);");
    }

    // What the finally block gives back, whether the spawn worked or not.
    private string CleanupText()
    {
        List<string> parts = [];
        if (Pipes().Any())
        {
            parts.Add("close the pipe ends still held");
        }

        if (spec.Cgroup is { Path: not null })
        {
            parts.Add("close the cgroup folder");
        }

        if (spec.Terminal is not null)
        {
            parts.Add("close the follower (the child has its copies) and a leader not handed out");
        }

        if (HandleParameters().Any())
        {
            parts.Add("release the handles");
        }

        if (Sandbox is not null)
        {
            parts.Add("release the sandbox's ruleset");
        }

        parts.Add("return a rented buffer");
        return Sentence(parts);
    }

    // "Open the pipes, open the cgroup folder."
    private static string Sentence(List<string> parts) =>
        char.ToUpperInvariant(parts[0][0]) + string.Join(", ", parts).Substring(1) + ".";

    // The SafeHandle whose descriptor the child gets.
    private static string HandleExpression(ParameterModel handle) =>
        CSharpName.Escape(handle.Name) + (handle.Kind == ParameterKind.Cgroup ? ".Handle" : string.Empty);

    private static string Literal(string text) => $"{SpecSupport}SpecText.Literal({CSharpLiteral.Utf8(text, terminate: true)})";
}
