namespace Spawn.Terminals;

/// <summary>A terminal's window size in character cells: <c>struct winsize</c>'s <c>ws_row</c> and <c>ws_col</c>.</summary>
/// <param name="Rows">Lines, 1 to 65535.</param>
/// <param name="Columns">Characters per line, 1 to 65535.</param>
public readonly record struct TerminalSize(int Rows, int Columns)
{
    /// <summary>Throws unless both dimensions fit <c>struct winsize</c> and are at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Rows or Columns is zero, negative or above 65535.</exception>
    internal void Check()
    {
        if (Rows is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "A terminal needs 1 to 65535 rows.");
        if (Columns is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Columns), Columns, "A terminal needs 1 to 65535 columns.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}x{Columns}";
}
