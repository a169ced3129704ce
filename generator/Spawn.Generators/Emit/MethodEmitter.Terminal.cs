using Spawn.Specs.Models;

namespace Spawn.Generators.Emit;

/// <summary>
/// The pseudo-terminal of a <c>[Terminal]</c> spec: open the pair as bare descriptors before the
/// buffer is written, make the terminal step file action 0, hand the leader out as the
/// <c>out Terminal</c> after the spawn, and close the follower (and, if not handed out, the leader)
/// in the finally block, so that a failed spawn leaves neither end open.
/// </summary>
internal sealed partial class MethodEmitter
{
    private static readonly string[] StandardStreamNames = ["stdin", "stdout", "stderr"];

    private void EmitTerminalLocals()
    {
        if (spec.Terminal is { Parameter: { } name })
        {
            // int __terminal_leader = -1, __terminal_follower = -1;
            writer.Line($"int __{name}_leader = -1, __{name}_follower = -1;");
            writer.Line($"uint __{name}_number = 0;");
        }
    }

    private void EmitTerminalOpen()
    {
        if (spec.Terminal is not { Parameter: { } name } terminal)
        {
            return;
        }

        // [Terminal(Rows = 24, Columns = 80)]
        writer.Line("// " + terminal.AttributeText);
        string echo = terminal.Echo ? "true" : "false";
        string raw = terminal.Raw ? "true" : "false";
        writer.Line($"{SpecSupport}SpecTerminal.Open(rows: {CSharpLiteral.Int(terminal.Rows)}, columns: {CSharpLiteral.Int(terminal.Columns)}, echo: {echo}, raw: {raw}, out __{name}_leader, out __{name}_follower, out __{name}_number);");
    }

    // ControllingTerminal(fd: __terminal_follower, descriptors: 7 /* stdin, stdout, stderr */)
    private static string TerminalStep(FileActionModel step)
    {
        string[] streams = [.. Enumerable.Range(0, 3).Where(fd => (step.Flags & (1 << fd)) != 0).Select(fd => StandardStreamNames[fd])];
        string comment = streams.Length == 0 ? "none: every standard stream is redirected" : string.Join(", ", streams);
        return $"ControllingTerminal(fd: __{step.Source}_follower, descriptors: {CSharpLiteral.Int(step.Flags)} /* {comment} */)";
    }

    private void EmitTerminalHandOut()
    {
        if (spec.Terminal is { Parameter: { } name })
        {
            // terminal = global::Spawn.Specs.Support.SpecTerminal.Attach(__terminal_leader, __terminal_number);
            writer.Line($"{CSharpName.Escape(name)} = {SpecSupport}SpecTerminal.Attach(__{name}_leader, __{name}_number);");
            writer.Line($"__{name}_leader = -1;");
        }
    }

    private void EmitTerminalRelease()
    {
        if (spec.Terminal is { Parameter: { } name })
        {
            writer.Line($"if (__{name}_follower >= 0) {LowLevel}SpawnCore.Close(__{name}_follower);");
            writer.Line($"if (__{name}_leader >= 0) {LowLevel}SpawnCore.Close(__{name}_leader);");
        }
    }
}
