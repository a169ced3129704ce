using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

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
    private readonly SafeFileHandle _handle;
    private readonly bool _reads;
    private readonly ReadWait _readWait;
    private readonly WriteWait _writeWait;

    /// <summary>Takes ownership of a pipe end and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>).</summary>
    internal ChildPipeStream(SafeFileHandle handle, bool reads)
    {
        int fd = (int)handle.DangerousGetHandle();
        int flags = DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_GETFL, 0);
        if (flags < 0 || DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETFL, flags | DescriptorSyscalls.O_NONBLOCK) < 0)
            throw SpawnException.FromLastPInvokeError("fcntl O_NONBLOCK");
        _handle = handle;
        _reads = reads;
        _readWait = new ReadWait(this);
        _writeWait = new WriteWait(this);
    }

    /// <inheritdoc/>
    public override bool CanRead => _reads && !_handle.IsClosed;

    /// <inheritdoc/>
    public override bool CanWrite => !_reads && !_handle.IsClosed;

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
        int count;
        while ((count = TryRead(buffer)) < 0)
            PollFor(Libc.POLLIN);
        return count;
    }

    /// <summary><c>read</c> without waiting: the byte count, 0 at end of file, or -1 while the pipe is empty.</summary>
    internal int ReadAvailable(Span<byte> buffer)
    {
        EnsureCan(_reads);
        return TryRead(buffer);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary><c>read</c>; while the pipe is empty, waits on the epoll reactor without blocking a thread.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(_reads);
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<int>(cancellationToken);
        int count = TryRead(buffer.Span);
        return count >= 0 ? new ValueTask<int>(count) : _readWait.Start(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary><c>write</c> of every byte; waits with <c>poll</c> while the pipe is full.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCan(!_reads);
        while (!(buffer = buffer[TryWrite(buffer)..]).IsEmpty)
            PollFor(DescriptorSyscalls.POLLOUT);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary><c>write</c> of every byte; while the pipe is full, waits on the epoll reactor without blocking a thread.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCan(!_reads);
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        buffer = buffer[TryWrite(buffer.Span)..];
        return buffer.IsEmpty ? default : _writeWait.Start(buffer, cancellationToken);
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
            _handle.Dispose();
        base.Dispose(disposing);
    }

    // read(2) once: the byte count, or -1 when the pipe is empty (EAGAIN).
    private unsafe int TryRead(Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                nint count = Libc.Read(Descriptor, bytes, (nuint)buffer.Length);
                if (count >= 0)
                    return (int)count;
                Errno error = Errno.FromLastPInvokeError();
                if (error == Errno.EAGAIN)
                    return -1;
                if (error != Errno.EINTR)
                    throw Failure("read", error);
            }
        }
    }

    // write(2) until the pipe is full: the bytes written.
    private unsafe int TryWrite(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            int written = 0;
            while (written < buffer.Length)
            {
                nint count = DescriptorSyscalls.Write(Descriptor, bytes + written, (nuint)(buffer.Length - written));
                if (count >= 0)
                {
                    written += (int)count;
                    continue;
                }
                Errno error = Errno.FromLastPInvokeError();
                if (error == Errno.EAGAIN)
                    break;
                if (error != Errno.EINTR)
                    throw Failure("write", error);
            }
            return written;
        }
    }

    private unsafe void PollFor(short events)
    {
        var poll = new Libc.PollFd { Fd = Descriptor, Events = events };
        if (Libc.Poll(&poll, 1, -1) < 0 && Errno.FromLastPInvokeError() is var error && error != Errno.EINTR)
            throw Failure("poll", error);
    }

    private int Descriptor => (int)_handle.DangerousGetHandle();

    private void EnsureCan(bool allowed)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (!allowed)
            throw new NotSupportedException(_reads ? "This end of the pipe only reads." : "This end of the pipe only writes.");
    }

    private static IOException Failure(string operation, Errno error)
    {
        var inner = new SpawnException(operation + " pipe", error);
        return new IOException(inner.Message, inner) { HResult = error.Value };
    }

    /// <summary>A read that found the pipe empty: it reads again each time the pipe turns readable.</summary>
    private sealed class ReadWait(ChildPipeStream stream) : ReadinessWait<int>
    {
        private Memory<byte> _buffer;

        internal ValueTask<int> Start(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            _buffer = buffer;
            return Start(stream._handle, Epoll.EPOLLIN, cancellationToken);
        }

        protected override bool TryComplete(out int result) => (result = stream.TryRead(_buffer.Span)) >= 0;

        protected override void OnConsumed() => _buffer = default;
    }

    /// <summary>A write that filled the pipe: it writes the rest each time the pipe turns writable.</summary>
    private sealed class WriteWait(ChildPipeStream stream) : ReadinessWait<bool>
    {
        private ReadOnlyMemory<byte> _remaining;

        internal ValueTask Start(ReadOnlyMemory<byte> remaining, CancellationToken cancellationToken)
        {
            _remaining = remaining;
            return StartWithoutResult(stream._handle, Epoll.EPOLLOUT, cancellationToken);
        }

        protected override bool TryComplete(out bool result)
        {
            _remaining = _remaining[stream.TryWrite(_remaining.Span)..];
            return result = _remaining.IsEmpty;
        }

        protected override void OnConsumed() => _remaining = default;
    }
}
