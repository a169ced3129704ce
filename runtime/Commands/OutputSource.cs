namespace Spawn.Commands;

/// <summary>Which stream an <see cref="OutputLine"/> came from.</summary>
public enum OutputSource
{
    /// <summary>Standard output (descriptor 1).</summary>
    Output = 1,

    /// <summary>Standard error (descriptor 2).</summary>
    Error = 2,
}
