using Microsoft.Win32.SafeHandles;

namespace Spawn.Streams;

/// <summary>
/// This process's end of a pipe to a child's standard stream (see <see cref="StandardPipes"/>): a
/// <see cref="Stream"/> that reads or writes, never both. The descriptor is non-blocking, and an
/// asynchronous read or write that cannot go on at once waits on the process's epoll reactor, so
/// no thread blocks for it and, after the first, no operation allocates.
/// </summary>
/// <remarks>I/O failures throw <see cref="IOException"/> (the <see cref="Stream"/> convention) with
/// the <see cref="SpawnException"/> naming the call and errno inside.</remarks>
public sealed class ChildPipeStream : Stream
{
    private readonly NonBlockingDescriptor _descriptor;
    private readonly bool _reads;

    /// <summary>Takes ownership of a pipe end and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>).</summary>
    internal ChildPipeStream(SafeFileHandle handle, bool reads)
    {
        _descriptor = new NonBlockingDescriptor(handle, "pipe");
        _reads = reads;
    }

    /// <inheritdoc/>
    public override bool CanRead => _reads && !_descriptor.IsClosed;

    /// <inheritdoc/>
    public override bool CanWrite => !_reads && !_descriptor.IsClosed;

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

    /// <summary><c>read</c>; waits with <c>poll</c> while the pipe is empty. Returns 0 once the child closed its end.</summary>
    public override int Read(Span<byte> buffer)
    {
        EnsureCan(_reads);
        return _descriptor.Read(buffer);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary><c>read</c>; while the pipe is empty, waits on the epoll reactor without blocking a thread.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_reads);
        return _descriptor.ReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary><c>write</c> of every byte; waits with <c>poll</c> while the pipe is full.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCan(!_reads);
        _descriptor.Write(buffer);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary><c>write</c> of every byte; while the pipe is full, waits on the epoll reactor without blocking a thread.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(!_reads);
        return _descriptor.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to flush: writes go straight to the pipe.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes this end: the child sees end of file (its stdin) or EPIPE (its stdout or stderr).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _descriptor.Handle.Dispose();
        base.Dispose(disposing);
    }

    private void EnsureCan(bool allowed)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        if (!allowed)
            throw new NotSupportedException(_reads ? "This end of the pipe only reads." : "This end of the pipe only writes.");
    }
}
