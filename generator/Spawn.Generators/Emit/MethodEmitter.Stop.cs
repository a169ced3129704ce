using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>
/// <c>[Timeout]</c> and <c>[StopSignal]</c>: the policy built from constants after the spawn and the
/// wait that carries it out (<c>SpecStop</c>); <c>[KillOnParentExit]</c>: the spawn handed to the
/// runtime's spawning thread (<c>SpecParentDeath</c>). A spec without them emits none of this.
/// </summary>
internal sealed partial class MethodEmitter
{
    private bool StopsCgroup => spec.Stop?.Scope == StopScopeModel.Cgroup;

    // The one call that spawns: on this thread, or on the thread that outlives every caller.
    private string SpawnFunction => spec.KillOnParentExit ? SpecSupport + "SpecParentDeath.Spawn" : LowLevel + "SpawnCore.Spawn";

    // Before anything is opened: a bad timeout or a token cancelled already leaves nothing behind.
    private void EmitStopChecks()
    {
        if (spec.Stop is not { } stop)
        {
            return;
        }

        if (stop.TimeoutParameter is { } timeout)
        {
            // global::Spawn.Specs.Support.SpecStop.CheckTimeout(timeout, "timeout");
            writer.Line($"{SpecSupport}SpecStop.CheckTimeout({CSharpName.Escape(timeout)}, {CSharpLiteral.String(timeout)});");
        }

        if (spec.Method.Parameters.FirstOrDefault(parameter => parameter.Kind == ParameterKind.CancellationToken) is { } token)
        {
            writer.Line($"{CSharpName.Escape(token.Name)}.ThrowIfCancellationRequested();");
        }
    }

    private void EmitStopLocals()
    {
        if (spec.Stop is null)
        {
            return;
        }

        writer.Line($"{SpecSupport}SpecStopPolicy __stop;");
        if (StopsCgroup)
        {
            writer.Line("global::Spawn.Cgroups.Cgroup? __stop_cgroup = null;");
        }
    }

    // Opened before the spawn, so that a failure leaves no child behind.
    private void EmitStopAcquire()
    {
        if (!StopsCgroup)
        {
            return;
        }

        CgroupModel cgroup = spec.Cgroup!;
        writer.Line("// The cgroup the stop policy signals, opened again from the folder's descriptor: the wait may outlive the caller's handle.");
        string fd = cgroup.Path is not null ? "__cgroup" : Descriptor(cgroup.Parameter, -1);
        writer.Line($"__stop_cgroup = {SpecSupport}SpecStop.OpenCgroup({fd});");
    }

    private void EmitStopRelease()
    {
        if (StopsCgroup)
        {
            writer.Line("__stop_cgroup?.Dispose();");
        }
    }

    private void EmitStopHandOut()
    {
        if (spec.Stop is not { } stop)
        {
            return;
        }

        foreach (string text in stop.AttributeTexts)
        {
            // [StopSignal(Signals.SIGINT, GraceMilliseconds = 2000)]
            writer.Line("// " + text);
        }

        string group = stop.Scope != StopScopeModel.ProcessGroup ? "0"
            : spec.Attributes.ProcessGroupParameter is { } parameter ? CSharpName.Escape(parameter)
            : CSharpLiteral.Int(spec.Attributes.ProcessGroup);
        writer.Line($"__stop = new {SpecSupport}SpecStopPolicy(signal: {SymbolicConstants.Signal(stop.Signal)}, graceMilliseconds: {CSharpLiteral.Int(stop.GraceMilliseconds)}, " +
                    $"scope: global::Spawn.Commands.StopScope.{stop.Scope}, processGroup: {group}, cgroup: {(StopsCgroup ? "__stop_cgroup" : "null")});");
        if (StopsCgroup)
        {
            // The policy owns it now: the wait disposes it.
            writer.Line("__stop_cgroup = null;");
        }
    }

    private void EmitStoppingWait()
    {
        StopModel stop = spec.Stop!;
        string timeout = stop.TimeoutParameter is { } parameter ? CSharpName.Escape(parameter)
            : stop.TimeoutMilliseconds >= 0 ? $"global::System.TimeSpan.FromMilliseconds({CSharpLiteral.Int(stop.TimeoutMilliseconds)})"
            : "global::System.Threading.Timeout.InfiniteTimeSpan";
        string job = CSharpLiteral.String(CommandLine());
        switch (spec.Method.ReturnKind)
        {
            case SpecReturnKind.ExitStatus:
                writer.Line("// Wait - Poll the pidfd until the timeout; then stop the child by its policy, reap it and throw JobStoppedException.");
                writer.Line($"return {SpecSupport}SpecStop.WaitOrStop(__pidfd, __pid, {timeout}, __stop, {job});");
                break;
            case SpecReturnKind.CapturedOutput:
                writer.Line("// Wait - Read stdout and stderr with poll until the timeout; then stop the child by its policy, read to the end and throw JobStoppedException.");
                writer.Line($"return {SpecSupport}SpecStop.CaptureOrStop(__child, __output, __error, {timeout}, __stop, {job});");
                break;
            case SpecReturnKind.ExitStatusAsync:
                writer.Line("// Wait - Await the exit until the timeout or the token; then stop the child by its policy, reap it and throw JobStoppedException.");
                writer.Line($"return {SpecSupport}SpecStop.WaitOrStopAsync(__child, {timeout}, __stop, {job}, {CancellationToken()});");
                break;
            default:
                writer.Line("// Wait - Read stdout and stderr while awaiting the exit until the timeout or the token; then stop the child by its policy and throw JobStoppedException.");
                writer.Line($"return {SpecSupport}SpecStop.CaptureOrStopAsync(__child, __output, __error, {timeout}, __stop, {job}, {CancellationToken()});");
                break;
        }
    }

    // The spec's argv as written, placeholders included: what a JobStoppedException names.
    private string CommandLine() => string.Join(" ", spec.Arguments.Select(argument =>
        argument.Splat is { } splat ? "{" + splat + "...}"
        : string.Concat(argument.Conditions.Select(condition => "{?" + condition + "}"))
          + string.Concat(argument.Segments.Select(segment => segment.IsParameter ? "{" + segment.Text + "}" : segment.Text))));
}
