using System.ComponentModel;
using Spawn.Terminals;

namespace Spawn.Specs.Support;

/// <summary>
/// The pseudo-terminal of a generated <see cref="SpawnSpecAttribute"/> method with a
/// <see cref="TerminalAttribute"/>: the pair as bare descriptors before the spawn, the
/// <see cref="Terminal"/> after it; not meant to be called by hand.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecTerminal
{
    /// <summary>
    /// Opens the pair as <see cref="Terminal.Open"/> does (<c>open("/dev/ptmx", O_RDWR|O_NOCTTY|O_CLOEXEC)</c>,
    /// unlock, <c>TIOCGPTN</c>, <c>TIOCGPTPEER</c>, <c>TIOCSWINSZ</c>, <c>TCSETS</c>). The outputs are
    /// written only on success; on failure nothing is left open.
    /// </summary>
    /// <param name="rows">Lines, 1 to 65535.</param>
    /// <param name="columns">Characters per line, 1 to 65535.</param>
    /// <param name="echo">Whether the terminal echoes its input.</param>
    /// <param name="raw">Raw mode.</param>
    /// <param name="leaderFd">The leader, close-on-exec; the caller closes it with <see cref="LowLevel.SpawnCore.Close"/> or hands it to <see cref="Attach"/>.</param>
    /// <param name="followerFd">The follower, close-on-exec; the caller closes it once the child is spawned.</param>
    /// <param name="number">The follower's number under <c>/dev/pts</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A zero, negative or too large window size.</exception>
    /// <exception cref="SpawnException">open of <c>/dev/ptmx</c> (ENOENT, EMFILE, ENFILE, ENOSPC) or one of the ioctls, naming it.</exception>
    public static void Open(int rows, int columns, bool echo, bool raw, out int leaderFd, out int followerFd, out uint number) =>
        Terminal.OpenPair(new TerminalSize(rows, columns), echo, raw, out leaderFd, out followerFd, out number);

    /// <summary>
    /// Wraps the leader in the <see cref="Terminal"/> the method hands out (the follower already closed):
    /// the terminal, its <see cref="TerminalStream"/>, the leader's handle and the follower's path are
    /// the only objects a terminal spec allocates.
    /// </summary>
    /// <param name="leaderFd">The leader from <see cref="Open"/>, owned by the terminal from here on (closed if this throws).</param>
    /// <param name="number">The follower's number from <see cref="Open"/>.</param>
    /// <exception cref="SpawnException">fcntl failed to make the leader non-blocking.</exception>
    public static Terminal Attach(int leaderFd, uint number) => Terminal.Attach(leaderFd, number);
}
