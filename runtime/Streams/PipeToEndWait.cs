using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// Reads a child's output pipe to its end without a thread per pipe: the reads run on the epoll
/// reactor's thread as the pipe turns readable, into a <see cref="PipeBytes"/>, and only the end of
/// file goes to the thread pool. One hop per pipe instead of one per chunk: with a 1 MiB pipe a
/// 10 MiB output is still about a hundred chunks.
/// </summary>
internal sealed class PipeToEndWait : ReadinessWait<bool>
{
    private readonly SafeFileHandle _handle;
    private PipeBytes _bytes = new();

    /// <summary>Takes the read end (not its ownership) and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>).</summary>
    /// <exception cref="SpawnException">fcntl failed (EBADF).</exception>
    internal PipeToEndWait(SafeFileHandle handle)
    {
        NonBlockingDescriptor.SetNonBlocking((int)handle.DangerousGetHandle());
        _handle = handle;
    }

    /// <summary>Reads what is there at once, then waits on the reactor for the rest.</summary>
    /// <exception cref="SpawnException">read failed; epoll_ctl failed (ENOMEM, ENOSPC).</exception>
    internal ValueTask ReadToEndAsync(CancellationToken cancellationToken)
    {
        if (TryComplete(out _))
            return default;
        return StartWithoutResult(_handle, Epoll.EPOLLIN, cancellationToken);
    }

    /// <summary>What was read, decoded as UTF-8.</summary>
    internal string ToText() => _bytes.ToText();

    /// <summary>Returns the buffer to the pool, once no read can run any more.</summary>
    internal void Release() => _bytes.Release();

    // One read empties the pipe (PipeBytes offers its whole capacity); the one-shot registration is
    // level-triggered when armed again, so bytes that came after the read wake the reactor at once.
    protected override bool TryComplete(out bool result)
    {
        int count = _bytes.ReadOnce((int)_handle.DangerousGetHandle());
        return result = count == 0;
    }
}
