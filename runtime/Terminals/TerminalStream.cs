using Microsoft.Win32.SafeHandles;
using Spawn.Streams;

namespace Spawn.Terminals;

/// <summary>
/// The leader side of a pseudo-terminal (<see cref="Terminal.Leader"/>): reading gives what the
/// programs on the terminal write (and the terminal's echo), writing is their keyboard input. The
/// descriptor is non-blocking; an asynchronous read or write that cannot go on at once waits on the
/// process's epoll reactor, so no thread blocks for it, and after the first none allocates.
/// </summary>
/// <remarks>
/// Once every descriptor of the follower is closed (the child and whatever it started have exited),
/// reads return what is still buffered and then 0: the kernel's EIO on the leader is end of stream
/// here, not an error. Other I/O failures throw <see cref="IOException"/> with the
/// <see cref="SpawnException"/> naming the call and errno inside. One read and one write may be under
/// way at a time. Disposing the stream closes the leader, which hangs up the terminal: the kernel
/// sends SIGHUP to the child's session.
/// </remarks>
public sealed class TerminalStream : Stream
{
    private readonly NonBlockingDescriptor _descriptor;

    /// <summary>Takes ownership of the leader and makes it non-blocking.</summary>
    internal TerminalStream(SafeFileHandle leader) =>
        _descriptor = new NonBlockingDescriptor(leader, "terminal", endOfStream: Errno.EIO);

    /// <summary>The leader's descriptor, for the terminal's ioctls.</summary>
    internal SafeFileHandle Handle => _descriptor.Handle;

    /// <inheritdoc/>
    public override bool CanRead => !_descriptor.IsClosed;

    /// <inheritdoc/>
    public override bool CanWrite => !_descriptor.IsClosed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary><c>read</c> of the leader; waits with <c>poll</c> while nothing is there. 0 at end of stream (EIO).</summary>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        return _descriptor.Read(buffer);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary><c>read</c> of the leader; while nothing is there, waits on the epoll reactor. 0 at end of stream (EIO).</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        return _descriptor.ReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary><c>write</c> of every byte to the leader; waits with <c>poll</c> while the terminal's input queue is full.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        _descriptor.Write(buffer);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary><c>write</c> of every byte to the leader; while the input queue is full, waits on the epoll reactor.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        return _descriptor.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to flush: writes go straight to the terminal.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes the leader: the terminal hangs up and the child's session gets SIGHUP.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _descriptor.Handle.Dispose();
        base.Dispose(disposing);
    }
}
