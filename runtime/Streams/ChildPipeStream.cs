using Microsoft.Win32.SafeHandles;

namespace Spawn.Streams;

/// <summary>
/// This process's end of a pipe to a child's standard stream (see <see cref="StandardPipes"/>): a
/// <see cref="DescriptorStream"/> that reads or writes, never both. Reads return 0 once every
/// write end is closed; disposing closes this end: the child sees end of file (its stdin) or EPIPE
/// (its stdout or stderr).
/// </summary>
public sealed class ChildPipeStream : DescriptorStream
{
    /// <summary>Takes ownership of an end of a pipe from <c>pipe2(O_CLOEXEC)</c> and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>).</summary>
    internal ChildPipeStream(SafeFileHandle handle, bool reads)
        : base(handle, "pipe", reads, writes: !reads, isNewPipe: true)
    {
    }
}
