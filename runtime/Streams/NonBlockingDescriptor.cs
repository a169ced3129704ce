using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// The I/O under <see cref="ChildPipeStream"/> and the terminal leader's stream: a descriptor made
/// non-blocking, read and written with <c>read</c>/<c>write</c>; a synchronous call that cannot go on
/// waits with <c>poll</c>, an asynchronous one on the process's <see cref="EpollReactor"/>, so no
/// thread blocks for it and, after the first, no operation allocates. One read and one write may be
/// under way at a time.
/// </summary>
internal sealed class NonBlockingDescriptor
{
    private readonly string _kind;
    private readonly Errno _endOfStream;
    private readonly ReadWait _readWait;
    private readonly WriteWait _writeWait;

    /// <summary>Takes ownership of <paramref name="handle"/> and makes it non-blocking (<c>fcntl(F_SETFL, O_NONBLOCK)</c>).</summary>
    /// <param name="handle">The descriptor.</param>
    /// <param name="kind">What it is, for error messages ("pipe", "terminal").</param>
    /// <param name="isNewPipe">An end of a pipe from <c>pipe2(O_CLOEXEC)</c> (see <see cref="SetPipeNonBlocking"/>);
    /// false for a descriptor whose flags are not known.</param>
    /// <param name="endOfStream">An errno of <c>read</c> that means end of stream (a terminal leader's
    /// EIO once every follower descriptor is closed), or default for none.</param>
    /// <exception cref="SpawnException">fcntl failed (EBADF).</exception>
    internal NonBlockingDescriptor(SafeFileHandle handle, string kind, bool isNewPipe, Errno endOfStream = default)
    {
        int fd = (int)handle.DangerousGetHandle();
        if (isNewPipe)
            SetPipeNonBlocking(fd);
        else
            SetNonBlocking(fd);
        Handle = handle;
        _kind = kind;
        _endOfStream = endOfStream;
        _readWait = new ReadWait(this);
        _writeWait = new WriteWait(this);
    }

    internal SafeFileHandle Handle { get; }

    /// <summary>Adds O_NONBLOCK to <paramref name="fd"/>'s file status flags (<c>fcntl(F_GETFL)</c>, <c>fcntl(F_SETFL)</c>).</summary>
    /// <exception cref="SpawnException">fcntl failed (EBADF).</exception>
    internal static void SetNonBlocking(int fd)
    {
        int flags = DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_GETFL, 0);
        if (flags < 0 || DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETFL, flags | DescriptorSyscalls.O_NONBLOCK) < 0)
            throw SpawnException.FromLastPInvokeError("fcntl O_NONBLOCK");
    }

    /// <summary>
    /// Makes an end of a pipe from <c>pipe2(O_CLOEXEC)</c> non-blocking with one <c>fcntl(F_SETFL, O_NONBLOCK)</c>:
    /// such an end has no file status flag but its access mode, which F_SETFL ignores, so there is
    /// nothing to read first (<see cref="SetNonBlocking"/> is for descriptors whose flags are not known).
    /// </summary>
    /// <exception cref="SpawnException">fcntl failed (EBADF).</exception>
    internal static void SetPipeNonBlocking(int fd)
    {
        if (DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETFL, DescriptorSyscalls.O_NONBLOCK) < 0)
            throw SpawnException.FromLastPInvokeError("fcntl O_NONBLOCK");
    }

    internal bool IsClosed => Handle.IsClosed;

    /// <summary>
    /// Closes the descriptor and ends a read or write still waiting with <see cref="ObjectDisposedException"/>:
    /// the wait holds a reference on the handle, and the descriptor is closed only when it lets go
    /// (for a terminal's leader, the close is what hangs up the child's session).
    /// </summary>
    internal void Dispose()
    {
        Handle.Dispose();
        _readWait.AbortDisposed(nameof(DescriptorStream));
        _writeWait.AbortDisposed(nameof(DescriptorStream));
    }

    private int Descriptor => (int)Handle.DangerousGetHandle();

    /// <summary><c>read</c>; waits with <c>poll</c> while nothing is there. 0 at end of stream.</summary>
    internal int Read(Span<byte> buffer)
    {
        int count;
        while ((count = TryRead(buffer)) < 0)
            PollFor(Libc.POLLIN);
        return count;
    }

    /// <summary><c>read</c>; while nothing is there, waits on the epoll reactor.</summary>
    internal ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<int>(cancellationToken);
        int count = TryRead(buffer.Span);
        return count >= 0 ? new ValueTask<int>(count) : _readWait.Start(buffer, cancellationToken);
    }

    /// <summary><c>write</c> of every byte; waits with <c>poll</c> while the descriptor is full.</summary>
    internal void Write(ReadOnlySpan<byte> buffer)
    {
        while (!(buffer = buffer[TryWrite(buffer)..]).IsEmpty)
            PollFor(DescriptorSyscalls.POLLOUT);
    }

    /// <summary><c>write</c> of every byte; while the descriptor is full, waits on the epoll reactor.</summary>
    internal ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        buffer = buffer[TryWrite(buffer.Span)..];
        return buffer.IsEmpty ? default : _writeWait.Start(buffer, cancellationToken);
    }

    // read(2) once: the byte count (0 at end of stream), or -1 when nothing is there (EAGAIN).
    internal unsafe int TryRead(Span<byte> buffer)
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
                if (error.Value != 0 && error == _endOfStream)
                    return 0;
                if (error != Errno.EINTR)
                    throw Failure("read", error);
            }
        }
    }

    // write(2) until the descriptor is full: the bytes written.
    internal unsafe int TryWrite(ReadOnlySpan<byte> buffer)
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

    private IOException Failure(string operation, Errno error)
    {
        var inner = new SpawnException(operation + " " + _kind, error);
        return new IOException(inner.Message, inner) { HResult = error.Value };
    }

    /// <summary>A read that found nothing: it reads again each time the descriptor turns readable.</summary>
    private sealed class ReadWait(NonBlockingDescriptor descriptor) : ReadinessWait<int>
    {
        private Memory<byte> _buffer;

        internal ValueTask<int> Start(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            _buffer = buffer;
            return Start(descriptor.Handle, Epoll.EPOLLIN, cancellationToken);
        }

        protected override bool TryComplete(out int result) => (result = descriptor.TryRead(_buffer.Span)) >= 0;

        protected override void OnConsumed() => _buffer = default;
    }

    /// <summary>A write that filled the descriptor: it writes the rest each time it turns writable.</summary>
    private sealed class WriteWait(NonBlockingDescriptor descriptor) : ReadinessWait<bool>
    {
        private ReadOnlyMemory<byte> _remaining;

        internal ValueTask Start(ReadOnlyMemory<byte> remaining, CancellationToken cancellationToken)
        {
            _remaining = remaining;
            return StartWithoutResult(descriptor.Handle, Epoll.EPOLLOUT, cancellationToken);
        }

        protected override bool TryComplete(out bool result)
        {
            _remaining = _remaining[descriptor.TryWrite(_remaining.Span)..];
            return result = _remaining.IsEmpty;
        }

        protected override void OnConsumed() => _remaining = default;
    }
}
