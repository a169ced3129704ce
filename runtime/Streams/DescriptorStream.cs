using Microsoft.Win32.SafeHandles;

namespace Spawn.Streams;

/// <summary>
/// A <see cref="Stream"/> over a non-blocking descriptor shared with a child: a pipe end
/// (<see cref="ChildPipeStream"/>) or a terminal's leader (<see cref="Terminals.TerminalStream"/>).
/// A synchronous read or write that cannot go on waits with <c>poll</c>; an asynchronous one waits
/// on the process's epoll reactor, so no thread blocks for it and, after the first, no operation
/// allocates. One read and one write may be under way at a time.
/// </summary>
/// <remarks>I/O failures throw <see cref="IOException"/> (the <see cref="Stream"/> convention) with
/// the <see cref="SpawnException"/> naming the call and errno inside.</remarks>
public abstract class DescriptorStream : Stream
{
    private readonly NonBlockingDescriptor _descriptor;
    private readonly bool _reads;
    private readonly bool _writes;

    /// <summary>
    /// Takes ownership of <paramref name="handle"/> and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>;
    /// for an <paramref name="isNewPipe"/> end of a pipe from <c>pipe2(O_CLOEXEC)</c>, without reading its flags first).
    /// </summary>
    private protected DescriptorStream(SafeFileHandle handle, string kind, bool reads, bool writes, bool isNewPipe, Errno endOfStream = default)
    {
        _descriptor = new NonBlockingDescriptor(handle, kind, isNewPipe, endOfStream);
        _reads = reads;
        _writes = writes;
    }

    /// <summary>The descriptor, for calls besides reads and writes (a terminal's ioctls).</summary>
    internal SafeFileHandle Handle => _descriptor.Handle;

    /// <inheritdoc/>
    public override bool CanRead => _reads && !_descriptor.IsClosed;

    /// <inheritdoc/>
    public override bool CanWrite => _writes && !_descriptor.IsClosed;

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

    /// <summary><c>read</c>; waits with <c>poll</c> while nothing is there. Returns 0 at end of stream.</summary>
    public override int Read(Span<byte> buffer)
    {
        EnsureCan(_reads);
        return _descriptor.Read(buffer);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary><c>read</c> without waiting: the byte count, 0 at end of stream, or -1 while nothing is there.</summary>
    internal int ReadAvailable(Span<byte> buffer)
    {
        EnsureCan(_reads);
        return _descriptor.TryRead(buffer);
    }

    /// <summary><c>read</c>; while nothing is there, waits on the epoll reactor without blocking a thread. Returns 0 at end of stream.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_reads);
        return _descriptor.ReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary><c>write</c> of every byte; waits with <c>poll</c> while the descriptor is full.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCan(_writes);
        _descriptor.Write(buffer);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary><c>write</c> without waiting: as many bytes as fit now (0 when the descriptor is full).</summary>
    internal int WriteAvailable(ReadOnlySpan<byte> buffer)
    {
        EnsureCan(_writes);
        return _descriptor.TryWrite(buffer);
    }

    /// <summary><c>write</c> of every byte; while the descriptor is full, waits on the epoll reactor without blocking a thread.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_writes);
        return _descriptor.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to flush: writes go straight to the descriptor.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes the descriptor (see the subclass for what the child then sees).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _descriptor.Dispose();
        base.Dispose(disposing);
    }

    private void EnsureCan(bool allowed)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        if (!allowed)
            throw new NotSupportedException(_reads ? "This end of the pipe only reads." : "This end of the pipe only writes.");
    }
}
