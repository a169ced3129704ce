using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>
/// <c>[Sandbox]</c>: read the static sandbox once, hold its Landlock ruleset open for the spawn, copy
/// its steps (encoded when it was compiled) after the method's own, and start the child with its
/// environment, or with the spec's changes to it.
/// </summary>
internal sealed partial class MethodEmitter
{
    private SandboxModel? Sandbox => spec.Sandbox;

    // The native steps of the call: the method's own, and the sandbox's after them.
    private bool HasNativeActions => spec.FileActions.Count > 0 || Sandbox is not null;

    private string NativeActionCount => Sandbox is null
        ? CSharpLiteral.Int(spec.FileActions.Count)
        : CSharpLiteral.Int(spec.FileActions.Count) + " + __sandboxSteps";

    // What a spec that changes the environment starts from: the sandbox's, which replaces this process's.
    private string InheritedEnvironment => Sandbox is null
        ? $"{SpecSupport}SpecEnvironment.Current"
        : $"{SpecSupport}SpecSandbox.Environment(__sandbox)";

    private string Envp => spec.Environment is not null ? "__envp"
        : Sandbox is not null ? $"{SpecSupport}SpecSandbox.Environment(__sandbox)"
        : "null";

    private void EmitSandboxRead()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        // [Sandbox(typeof(Profiles), nameof(Profiles.Jobs))]
        writer.Line("// " + sandbox.AttributeText);
        writer.Line($"global::Spawn.Sandboxing.Sandbox __sandbox = {SpecSupport}SpecSandbox.Require({sandbox.Type}.{CSharpName.Escape(sandbox.Member)}, {CSharpLiteral.String(sandbox.DisplayName)});");
        writer.Line($"int __sandboxSteps = {SpecSupport}SpecSandbox.StepCount(__sandbox);");
        writer.Line("bool __sandbox_added = false;");
    }

    private void EmitSandboxEnter()
    {
        if (Sandbox is not null)
        {
            writer.Line($"{SpecSupport}SpecSandbox.Enter(__sandbox, ref __sandbox_added);");
        }
    }

    private void EmitSandboxSteps()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        writer.Line($"// The sandbox's steps, after the method's own: {sandbox.AttributeText}");
        writer.Line($"{SpecSupport}SpecSandbox.CopySteps(__sandbox, __actions + {CSharpLiteral.Int(spec.FileActions.Count)});");
    }

    private void EmitSandboxExit()
    {
        if (Sandbox is not null)
        {
            writer.Line($"{SpecSupport}SpecSandbox.Exit(__sandbox, __sandbox_added);");
        }
    }
}
