using Microsoft.Win32.SafeHandles;
using Spawn.Streams;

namespace Spawn.Terminals;

/// <summary>
/// The leader side of a pseudo-terminal (<see cref="Terminal.Leader"/>), a <see cref="DescriptorStream"/>
/// that reads and writes: reading gives what the programs on the terminal write (and the terminal's
/// echo), writing is their keyboard input.
/// </summary>
/// <remarks>
/// Once every descriptor of the follower is closed (the child and whatever it started have exited),
/// reads return what is still buffered and then 0: the kernel's EIO on the leader is end of stream
/// here, not an error. Disposing the stream closes the leader, which hangs up the terminal: the
/// kernel sends SIGHUP to the child's session.
/// </remarks>
public sealed class TerminalStream : DescriptorStream
{
    /// <summary>Takes ownership of the leader and makes it non-blocking.</summary>
    internal TerminalStream(SafeFileHandle leader)
        : base(leader, "terminal", reads: true, writes: true, isNewPipe: false, endOfStream: Errno.EIO)
    {
    }
}
