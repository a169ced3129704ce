namespace Spawn.Commands;

/// <summary>One line a job wrote, without its line ending (<c>\n</c> or <c>\r\n</c>).</summary>
/// <param name="Source">Whether it came from stdout or stderr.</param>
/// <param name="Text">The line, decoded with <see cref="Job.Encoding"/>.</param>
public readonly record struct OutputLine(OutputSource Source, string Text)
{
    /// <summary>The text of the line.</summary>
    public override string ToString() => Text;
}
