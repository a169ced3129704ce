using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Streams;

/// <summary>
/// The stdout and stderr pipes of a captured command (<c>pipe2(O_CLOEXEC)</c>) and its stdin from
/// <c>/dev/null</c>, as plain descriptors: unlike <see cref="StandardPipes"/>, no <see cref="Stream"/>
/// is made for ends that only <see cref="OutputCapture"/> reads.
/// </summary>
internal sealed class CapturePipes : IDisposable
{
    private SafeFileHandle? _outputWrite, _errorWrite;

    private CapturePipes(SafeFileHandle outputRead, SafeFileHandle outputWrite, SafeFileHandle errorRead, SafeFileHandle errorWrite)
    {
        OutputRead = outputRead;
        ErrorRead = errorRead;
        _outputWrite = outputWrite;
        _errorWrite = errorWrite;
    }

    /// <summary>This process's end of the child's stdout.</summary>
    public SafeFileHandle OutputRead { get; }

    /// <summary>This process's end of the child's stderr.</summary>
    public SafeFileHandle ErrorRead { get; }

    /// <summary>Creates both pipes.</summary>
    /// <exception cref="SpawnException">pipe2 failed: EMFILE, ENFILE.</exception>
    public static unsafe CapturePipes Create()
    {
        int* fds = stackalloc int[4];
        if (DescriptorSyscalls.Pipe2(fds, OpenFlags.O_CLOEXEC) < 0)
            throw SpawnException.FromLastPInvokeError("pipe2");
        if (DescriptorSyscalls.Pipe2(fds + 2, OpenFlags.O_CLOEXEC) < 0)
        {
            SpawnException failure = SpawnException.FromLastPInvokeError("pipe2");
            Libc.Close(fds[0]);
            Libc.Close(fds[1]);
            throw failure;
        }
        return new CapturePipes(new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true),
                                new SafeFileHandle(fds[2], ownsHandle: true), new SafeFileHandle(fds[3], ownsHandle: true));
    }

    /// <summary>stdin from <c>/dev/null</c>, then a <c>dup2</c> of each pipe's write end onto 1 and 2.</summary>
    public SpawnFileActions FileActions() =>
        new SpawnFileActions()
            .AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0)
            .AddDup2((int)_outputWrite!.DangerousGetHandle(), 1)
            .AddDup2((int)_errorWrite!.DangerousGetHandle(), 2);

    /// <summary>
    /// Closes this process's copies of the write ends once the child was spawned: until then the
    /// reads would never see end of file.
    /// </summary>
    public void CloseChildEnds()
    {
        _outputWrite?.Dispose();
        _errorWrite?.Dispose();
        _outputWrite = _errorWrite = null;
    }

    /// <summary>Closes every end.</summary>
    public void Dispose()
    {
        CloseChildEnds();
        OutputRead.Dispose();
        ErrorRead.Dispose();
    }
}
