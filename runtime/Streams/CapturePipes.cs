using Microsoft.Win32.SafeHandles;

namespace Spawn.Streams;

/// <summary>
/// The stdout and stderr pipes of a captured command (two <see cref="PipeEnds"/>) and its stdin from
/// <c>/dev/null</c>, as plain descriptors: unlike <see cref="StandardPipes"/>, no <see cref="Stream"/>
/// is made for ends that only <see cref="OutputCapture"/> reads.
/// </summary>
internal sealed class CapturePipes : IDisposable
{
    private readonly PipeEnds _output, _error;

    private CapturePipes(PipeEnds output, PipeEnds error)
    {
        _output = output;
        _error = error;
    }

    /// <summary>This process's end of the child's stdout.</summary>
    public SafeFileHandle OutputRead => _output.ReadEnd;

    /// <summary>This process's end of the child's stderr.</summary>
    public SafeFileHandle ErrorRead => _error.ReadEnd;

    /// <summary>Creates both pipes.</summary>
    /// <exception cref="SpawnException">pipe2 failed: EMFILE, ENFILE.</exception>
    public static CapturePipes Create()
    {
        PipeEnds output = PipeEnds.Create();
        try
        {
            return new CapturePipes(output, PipeEnds.Create());
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>stdin from <c>/dev/null</c>, then a <c>dup2</c> of each pipe's write end onto 1 and 2.</summary>
    public SpawnFileActions FileActions() =>
        new SpawnFileActions()
            .AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0)
            .AddDup2((int)_output.WriteEnd.DangerousGetHandle(), 1)
            .AddDup2((int)_error.WriteEnd.DangerousGetHandle(), 2);

    /// <summary>
    /// Closes this process's copies of the write ends once the child was spawned: until then the
    /// reads would never see end of file.
    /// </summary>
    public void CloseChildEnds()
    {
        _output.WriteEnd.Dispose();
        _error.WriteEnd.Dispose();
    }

    /// <summary>Closes every end.</summary>
    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }
}
