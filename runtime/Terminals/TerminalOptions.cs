using Spawn.Streams;

namespace Spawn.Terminals;

/// <summary>How <see cref="Terminal.Open"/> and <see cref="Terminal.Spawn"/> set up a pseudo-terminal.</summary>
public sealed class TerminalOptions
{
    /// <summary>The initial window size (<c>TIOCSWINSZ</c>); 24 by 80 unless set.</summary>
    public TerminalSize Size { get; set; } = new(24, 80);

    /// <summary>
    /// Whether the terminal echoes input back to the leader (<c>ECHO</c>); true unless set. Raw mode
    /// has no echo whatever this says (set <see cref="Terminal.Echo"/> after opening to echo in raw mode).
    /// </summary>
    public bool Echo { get; set; } = true;

    /// <summary>
    /// Raw mode (what <c>cfmakeraw</c> sets): no line editing, no signal characters, no echo, no
    /// translation of CR and NL, 8-bit bytes, reads return as soon as one byte is there. False
    /// unless set: the kernel's cooked defaults, in which ^C, ^D and ^Z work.
    /// </summary>
    public bool Raw { get; set; }

    /// <summary>
    /// Which of the child's standard descriptors <see cref="Terminal.Spawn"/> puts on the terminal;
    /// <see cref="StandardStreams.All"/> unless set. Leave one out to give it a pipe or file of its own
    /// with a file action (for example stderr to a <see cref="StandardPipes"/> pipe).
    /// </summary>
    public StandardStreams Streams { get; set; } = StandardStreams.All;
}
