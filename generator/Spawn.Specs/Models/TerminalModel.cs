namespace Spawn.Specs.Models;

/// <summary>
/// The pseudo-terminal of a <c>[Terminal]</c> spec: the <c>out Terminal</c> parameter that receives it
/// (null only in a spec with a blocking problem), its window size and modes. The terminal step itself
/// is file action 0 (<see cref="FileActionKind.ControllingTerminal"/>).
/// </summary>
internal sealed record TerminalModel(string? Parameter, int Rows, int Columns, bool Echo, bool Raw)
{
    /// <summary>The <c>[Terminal]</c> attribute, as written (on one line).</summary>
    public string? AttributeText { get; init; }
}
