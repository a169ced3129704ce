using Spawn.Streams;

namespace Spawn.Terminals;

public sealed partial class Terminal
{
    /// <summary>
    /// Runs a program on a new pseudo-terminal: <see cref="Open"/>, then the glibc patch set's
    /// <c>pidfd_spawnp</c> with the terminal step (<see cref="SpawnFileActions.AddControllingTerminal"/>:
    /// <c>setsid</c>, <c>TIOCSCTTY</c>, the follower on the <see cref="TerminalOptions.Streams"/>) as file
    /// action 0 and <paramref name="actions"/> after it, then <see cref="CloseFollower"/>. Everything else
    /// of a spawn combines with it: a cgroup at birth, credential and namespace steps, signals.
    /// </summary>
    /// <param name="file">The program's name (searched in PATH) or path.</param>
    /// <param name="argv">The arguments, argv[0] first.</param>
    /// <param name="options">Size, modes and which descriptors get the terminal; null for the defaults.</param>
    /// <param name="actions">More file actions, run after the terminal step (so their indexes in a
    /// <see cref="SpawnException"/> are one more than in <paramref name="actions"/>), or null.</param>
    /// <param name="attributes">Attributes, or null. <see cref="SpawnAttributes.NewSession"/> is not needed
    /// (the step starts the session); <see cref="SpawnAttributes.ProcessGroup"/> cannot be combined (the
    /// child would lead a group, and setsid fails with EPERM).</param>
    /// <param name="envp"><c>NAME=value</c> strings, or null for the managed environment. Programs read
    /// <c>TERM</c> to know what the terminal understands.</param>
    /// <returns>The terminal, with the child in <see cref="Process"/>; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A zero, negative or too large window size.</exception>
    /// <exception cref="ArgumentException">Bad arguments (see <see cref="Spawner"/>).</exception>
    /// <exception cref="SpawnException">Opening the pair or the spawn failed; nothing is left open and no child remains.</exception>
    public static Terminal Spawn(string file, IReadOnlyList<string> argv, TerminalOptions? options = null,
                                 SpawnFileActions? actions = null, SpawnAttributes? attributes = null,
                                 IReadOnlyList<string>? envp = null)
    {
        options ??= new TerminalOptions();
        Terminal terminal = Open(options);
        try
        {
            StandardStreams streams = options.Streams;
            var steps = new SpawnFileActions().AddControllingTerminal(
                (int)terminal._follower!.DangerousGetHandle(), streams.HasFlag(StandardStreams.Input),
                streams.HasFlag(StandardStreams.Output), streams.HasFlag(StandardStreams.Error));
            if (actions is not null)
                steps.AddAll(actions);
            terminal.Process = Spawner.PidFdSpawnP(file, steps, attributes, argv, envp);
            terminal.CloseFollower();
            return terminal;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }
}
