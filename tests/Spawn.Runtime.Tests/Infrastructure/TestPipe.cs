using Microsoft.Win32.SafeHandles;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// A pipe (both ends O_CLOEXEC) that holds a probe running "wait-stdin" until the test is done
/// looking at it: dup2 <see cref="ReadEnd"/> onto the child's descriptor 0, then
/// <see cref="Release"/> lets the probe go on.
/// </summary>
internal sealed unsafe class TestPipe : IDisposable
{
    public TestPipe()
    {
        int* fds = stackalloc int[2];
        LibC.Check(LibC.Pipe2(fds, OpenFlags.O_CLOEXEC), "pipe2");
        ReadEnd = new SafeFileHandle(fds[0], ownsHandle: true);
        WriteEnd = new SafeFileHandle(fds[1], ownsHandle: true);
    }

    public SafeFileHandle ReadEnd { get; }

    public SafeFileHandle WriteEnd { get; }

    /// <summary>Closes the write end: the reader sees end of file.</summary>
    public void Release() => WriteEnd.Dispose();

    public void Dispose()
    {
        ReadEnd.Dispose();
        WriteEnd.Dispose();
    }
}
