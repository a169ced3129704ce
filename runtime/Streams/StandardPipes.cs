using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Streams;

/// <summary>
/// Pipes for a child's standard streams. Each pipe comes from <c>pipe2(OpenFlags.O_CLOEXEC)</c>, so no other
/// child inherits it; <see cref="AddTo"/> adds the file actions that <c>dup2</c> the child's ends onto
/// descriptors 0, 1 and 2 (which clears close-on-exec there), and this process keeps the other ends
/// as <see cref="ChildPipeStream"/>s.
/// </summary>
/// <example>
/// <code>
/// using var pipes = StandardPipes.Create(StandardStreams.Output);
/// using var child = Spawner.PidFdSpawn("/bin/ls", pipes.AddTo(null), null, ["ls"], null);
/// pipes.CloseChildEnds();
/// string listing = await new StreamReader(pipes.Output!).ReadToEndAsync();
/// await child.WaitForExitAsync();
/// </code>
/// </example>
public sealed class StandardPipes : IDisposable
{
    private readonly SafeFileHandle?[] _childEnds = new SafeFileHandle?[3];

    private StandardPipes()
    {
    }

    /// <summary>This process's end of the child's stdin, or null when not piped.</summary>
    public ChildPipeStream? Input { get; private set; }

    /// <summary>This process's end of the child's stdout, or null when not piped.</summary>
    public ChildPipeStream? Output { get; private set; }

    /// <summary>This process's end of the child's stderr, or null when not piped.</summary>
    public ChildPipeStream? Error { get; private set; }

    /// <summary>Creates a pipe (<c>pipe2(OpenFlags.O_CLOEXEC)</c>) for each stream asked for.</summary>
    /// <exception cref="SpawnException">pipe2 failed: EMFILE, ENFILE.</exception>
    public static StandardPipes Create(StandardStreams streams)
    {
        var pipes = new StandardPipes();
        try
        {
            if (streams.HasFlag(StandardStreams.Input))
                pipes.Input = pipes.CreatePipe(0, childReads: true);
            if (streams.HasFlag(StandardStreams.Output))
                pipes.Output = pipes.CreatePipe(1, childReads: false);
            if (streams.HasFlag(StandardStreams.Error))
                pipes.Error = pipes.CreatePipe(2, childReads: false);
            return pipes;
        }
        catch
        {
            pipes.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds a <c>dup2</c> action per pipe that puts the child's end on its standard descriptor, after
    /// the actions already in <paramref name="actions"/>.
    /// </summary>
    /// <param name="actions">The actions to add to, or null for new ones.</param>
    /// <returns>The actions, to pass to the spawn.</returns>
    public SpawnFileActions AddTo(SpawnFileActions? actions)
    {
        actions ??= new SpawnFileActions();
        for (int fd = 0; fd < _childEnds.Length; fd++)
        {
            if (_childEnds[fd] is { } childEnd)
                actions.AddDup2((int)childEnd.DangerousGetHandle(), fd);
        }
        return actions;
    }

    /// <summary>
    /// Closes this process's copies of the child's ends once the child was spawned: until then a
    /// reader of the child's stdout would never see end of file, since this process could still write.
    /// </summary>
    public void CloseChildEnds()
    {
        foreach (var childEnd in _childEnds)
            childEnd?.Dispose();
    }

    /// <summary>The child's end of the pipe for standard descriptor <paramref name="standardFd"/> (0, 1 or 2),
    /// for a caller that adds its own <c>dup2</c> actions (a pipeline puts stdin on its first stage only).</summary>
    /// <exception cref="InvalidOperationException">That stream is not piped, or the child ends are closed.</exception>
    internal int ChildDescriptor(int standardFd) =>
        _childEnds[standardFd] is { IsClosed: false } childEnd ? (int)childEnd.DangerousGetHandle()
        : throw new InvalidOperationException($"Descriptor {standardFd} has no open pipe end for the child.");

    /// <summary>Closes every end.</summary>
    public void Dispose()
    {
        CloseChildEnds();
        Input?.Dispose();
        Output?.Dispose();
        Error?.Dispose();
    }

    private ChildPipeStream CreatePipe(int childFd, bool childReads)
    {
        var pipe = PipeEnds.Create();
        _childEnds[childFd] = childReads ? pipe.ReadEnd : pipe.WriteEnd;
        try
        {
            return new ChildPipeStream(childReads ? pipe.WriteEnd : pipe.ReadEnd, reads: !childReads);
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }
}
