using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Streams;

/// <summary>
/// Both ends of a pipe from <c>pipe2(O_CLOEXEC)</c>: no child inherits either end except through a
/// <c>dup2</c> file action that puts it on a standard descriptor (for <see cref="StandardPipes"/>, and
/// between the stages of a pipeline).
/// </summary>
internal sealed class PipeEnds : IDisposable
{
    private PipeEnds(SafeFileHandle readEnd, SafeFileHandle writeEnd)
    {
        ReadEnd = readEnd;
        WriteEnd = writeEnd;
    }

    internal SafeFileHandle ReadEnd { get; }

    internal SafeFileHandle WriteEnd { get; }

    /// <exception cref="SpawnException">pipe2 failed: EMFILE, ENFILE.</exception>
    internal static unsafe PipeEnds Create()
    {
        int* fds = stackalloc int[2];
        if (DescriptorSyscalls.Pipe2(fds, OpenFlags.O_CLOEXEC) < 0)
            throw SpawnException.FromLastPInvokeError("pipe2");
        return new PipeEnds(new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    public void Dispose()
    {
        ReadEnd.Dispose();
        WriteEnd.Dispose();
    }
}
