using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Commands;

/// <summary>
/// The pipe between two stages of a pipeline, from <c>pipe2(O_CLOEXEC)</c>: no process inherits it
/// except through the <c>dup2</c> file action that puts one end on a stage's stdin or stdout. This
/// process closes both ends once the stages are spawned.
/// </summary>
internal sealed class StagePipe : IDisposable
{
    private StagePipe(SafeFileHandle readEnd, SafeFileHandle writeEnd)
    {
        ReadEnd = readEnd;
        WriteEnd = writeEnd;
    }

    internal SafeFileHandle ReadEnd { get; }

    internal SafeFileHandle WriteEnd { get; }

    /// <exception cref="SpawnException">pipe2 failed: EMFILE, ENFILE.</exception>
    internal static unsafe StagePipe Create()
    {
        int* fds = stackalloc int[2];
        if (DescriptorSyscalls.Pipe2(fds, OpenFlags.O_CLOEXEC) < 0)
            throw SpawnException.FromLastPInvokeError("pipe2");
        return new StagePipe(new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    public void Dispose()
    {
        ReadEnd.Dispose();
        WriteEnd.Dispose();
    }
}
