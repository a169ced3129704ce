using System.Buffers;
using System.Text;
using Spawn.Interop;

namespace Spawn.Streams;

/// <summary>
/// Everything read so far from a child's output pipe, in a pooled buffer. Each read offers at least
/// the pipe's capacity, so one <c>read</c> empties the pipe; once a read finds the pipe full, the pipe
/// is widened (<c>fcntl(F_SETPIPE_SZ)</c>, up to <c>/proc/sys/fs/pipe-max-size</c>) so that a child
/// writing a lot is woken and waited for less often. Small outputs never pay for the widening.
/// </summary>
internal struct PipeBytes
{
    private const int FirstBufferSize = 4096;

    // What pipe(7) gives a new pipe: 16 pages.
    private const int DefaultPipeCapacity = 65536;

    private byte[] _buffer;
    private int _length;
    private int _pipeCapacity;
    private bool _widened;

    public PipeBytes()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        _pipeCapacity = DefaultPipeCapacity;
    }

    /// <summary>The bytes read so far.</summary>
    public readonly ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>
    /// One <c>read</c> of <paramref name="fd"/>: the byte count, 0 at the end of the pipe, or -1 when
    /// the pipe is empty (EAGAIN, for a non-blocking descriptor). EINTR is retried.
    /// </summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    public unsafe int ReadOnce(int fd)
    {
        EnsureFreeSpace(_pipeCapacity);
        nint count;
        fixed (byte* free = &_buffer[_length])
        {
            while ((count = Libc.Read(fd, free, (nuint)(_buffer.Length - _length))) < 0)
            {
                Errno error = Errno.FromLastPInvokeError();
                if (error == Errno.EAGAIN)
                    return -1;
                if (error != Errno.EINTR)
                    throw new SpawnException("read", error);
            }
        }
        _length += (int)count;
        if (count >= _pipeCapacity && !_widened)
            Widen(fd);
        return (int)count;
    }

    /// <summary>The bytes decoded as UTF-8.</summary>
    public readonly string ToText() => Encoding.UTF8.GetString(_buffer, 0, _length);

    /// <summary>Returns the buffer to the pool; the instance is not used afterwards.</summary>
    public void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private void EnsureFreeSpace(int wanted)
    {
        if (_buffer.Length - _length >= wanted)
            return;
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + wanted));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    // The pipe was full: ask for the largest pipe an unprivileged process may have. A refusal (EPERM
    // past the user's pipe-user-pages-soft, EBUSY) leaves the pipe as it was, which still works.
    private void Widen(int fd)
    {
        _widened = true;
        int size = PipeLimits.MaximumSize;
        if (size > _pipeCapacity && DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETPIPE_SZ, size) is var granted && granted > 0)
            _pipeCapacity = granted;
    }
}
