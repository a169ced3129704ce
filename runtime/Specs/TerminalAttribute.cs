using Spawn.Terminals;

namespace Spawn.Specs;

/// <summary>
/// Runs the child of a <see cref="SpawnSpecAttribute"/> method on a new pseudo-terminal, handed out
/// through the method's <c>out </c><see cref="Terminal"/> parameter: the generated body opens the pair
/// (<c>/dev/ptmx</c>, <c>TIOCSWINSZ</c>, <c>TCSETS</c>, as <see cref="Terminal.Open"/>), makes the
/// terminal step (<see cref="SpawnFileActions.AddControllingTerminal"/>: <c>setsid</c>,
/// <c>ioctl(TIOCSCTTY)</c>, the follower on stdin, stdout and stderr) file action 0, spawns, closes its
/// copy of the follower and wraps the leader in the <see cref="Terminal"/>. Nothing else is allocated.
/// </summary>
/// <remarks>
/// <para>Every other step runs after the terminal step, so a <see cref="StandardInputAttribute"/>,
/// <see cref="StandardOutputAttribute"/> or <see cref="StandardErrorAttribute"/> redirection (and the
/// pipes of a <c>CapturedOutput</c> return) wins for its descriptor, which the terminal step then leaves
/// alone; a <see cref="Dup2Attribute"/> or <see cref="OpenFileAttribute"/> onto 0, 1 or 2 replaces the
/// terminal there too. Credential, namespace and parent-death steps, and a <see cref="CgroupAttribute"/>,
/// combine with it; <see cref="NewSessionAttribute"/> is allowed but not needed (the step starts the
/// session); <see cref="ProcessGroupAttribute"/> cannot be combined (SPAWN0032).</para>
/// <para>The terminal's <see cref="Terminal.Process"/> is null: the child is what the method returns.
/// Disposing the terminal hangs it up (SIGHUP to the child's session).</para>
/// <para>Errors: opening the pair (ENOENT without devpts, EMFILE, ENOSPC at the pty limit) throws
/// before the spawn; a failing terminal step is a <see cref="SpawnException"/> of stage
/// <see cref="SpawnStage.FileAction"/>, index 0. Either way both ends are closed and no child remains.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TerminalAttribute : Attribute
{
    /// <summary>The window's lines (<c>ws_row</c>), 1 to 65535; 24 unless set.</summary>
    public int Rows { get; set; } = 24;

    /// <summary>The window's characters per line (<c>ws_col</c>), 1 to 65535; 80 unless set.</summary>
    public int Columns { get; set; } = 80;

    /// <summary>Whether the terminal echoes input back to the leader (<c>ECHO</c>); true unless set, and
    /// off in raw mode whatever this says, as <see cref="TerminalOptions.Echo"/>.</summary>
    public bool Echo { get; set; } = true;

    /// <summary>Raw mode, as <see cref="TerminalOptions.Raw"/>; false unless set.</summary>
    public bool Raw { get; set; }
}
