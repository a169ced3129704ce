using System.Buffers;
using System.Text;
using Spawn.Interop;

namespace Spawn.Streams;

/// <summary>
/// Everything read so far from a child's output pipe, in pooled buffers. A read offers at least the
/// pipe's capacity, so one <c>read</c> empties the pipe (within a full segment, what is left of it);
/// once a read finds the pipe full, the pipe is widened (<c>fcntl(F_SETPIPE_SZ)</c>, up to
/// <c>/proc/sys/fs/pipe-max-size</c>) so that a child writing a lot is woken and waited for less
/// often. Small outputs never pay for the widening.
/// </summary>
/// <remarks>
/// The first buffer holds a whole default pipe, so a small output takes one buffer and no copy. The
/// bytes sit in one buffer that doubles until it is <see cref="SegmentSize"/> long; past that, a full
/// segment is kept as it is and a new one is taken, so a large output is never copied on the way
/// (copying 10 MiB in doublings cost as much as a third of the capture), and the segments' boundaries
/// fall at the same bytes whatever the reads were. The text is decoded from the pieces straight into
/// the string.
/// </remarks>
internal struct PipeBytes : IPipeReader
{
    /// <summary>The size of a buffer past which buffers are no longer grown but chained.</summary>
    internal const int SegmentSize = 1 << 20;

    // What pipe(7) gives a new pipe: 16 pages.
    private const int DefaultPipeCapacity = 65536;

    private byte[] _buffer;
    private int _length;
    private List<(byte[] Buffer, int Length)>? _full;
    private int _pipeCapacity;
    private bool _widened;

    public PipeBytes()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(DefaultPipeCapacity);
        _pipeCapacity = DefaultPipeCapacity;
    }

    /// <summary>How many bytes were read so far.</summary>
    public readonly long Length
    {
        get
        {
            long length = _length;
            if (_full is not null)
            {
                foreach ((_, int count) in _full)
                    length += count;
            }
            return length;
        }
    }

    /// <summary>
    /// One <c>read</c> of <paramref name="fd"/> offered the pipe's capacity (within a full-size segment,
    /// what is left of it): the byte count, 0 at the end of the pipe, or -1 when the pipe is empty
    /// (EAGAIN, for a non-blocking descriptor). EINTR is retried. A read that finds the pipe full widens it.
    /// </summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    public int ReadOnce(int fd)
    {
        MakeRoom(_pipeCapacity);
        int count = Read(fd);
        if (count >= _pipeCapacity && !_widened)
            Widen(fd);
        return count;
    }

    /// <summary>
    /// One <c>read</c> into what is left of the current buffer (a new buffer only when it is full), as
    /// <see cref="ReadOnce"/> returns: after a read that emptied the pipe, this finds the end of file
    /// that often came with the last bytes, without making room for a whole pipe.
    /// </summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    public int ReadIntoRest(int fd)
    {
        MakeRoom(1);
        return Read(fd);
    }

    /// <summary>Appends <paramref name="bytes"/>, for bytes that were read elsewhere.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            MakeRoom(bytes.Length);
            int count = Math.Min(bytes.Length, _buffer.Length - _length);
            bytes[..count].CopyTo(_buffer.AsSpan(_length));
            _length += count;
            bytes = bytes[count..];
        }
    }

    /// <summary>Drops the last <paramref name="count"/> bytes, which the last read put in the current buffer.</summary>
    public void DropLast(int count) => _length -= count;

    private unsafe int Read(int fd)
    {
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
        return (int)count;
    }

    /// <summary>The bytes decoded as UTF-8 (invalid sequences become U+FFFD, as <see cref="Encoding.UTF8"/> does).</summary>
    public readonly string ToText() => ToText(Encoding.UTF8);

    /// <summary>The bytes decoded with <paramref name="encoding"/>.</summary>
    public readonly string ToText(Encoding encoding)
    {
        if (_full is null)
            return encoding.GetString(_buffer, 0, _length);
        if (encoding is not UTF8Encoding)
            return DecodeJoined(encoding);
        // Every buffer ends on a character's boundary (see Chain), so each decodes on its own.
        int chars = encoding.GetCharCount(_buffer, 0, _length);
        foreach ((byte[] buffer, int length) in _full)
            chars += encoding.GetCharCount(buffer, 0, length);
        return string.Create(chars, (Bytes: this, Encoding: encoding), static (text, state) =>
        {
            foreach ((byte[] buffer, int length) in state.Bytes._full!)
                text = text[state.Encoding.GetChars(buffer.AsSpan(0, length), text)..];
            state.Encoding.GetChars(state.Bytes._buffer.AsSpan(0, state.Bytes._length), text);
        });
    }

    // Another encoding's characters may straddle the buffers: the pieces are joined first.
    private readonly string DecodeJoined(Encoding encoding)
    {
        int total = checked((int)Length);
        byte[] joined = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            int offset = 0;
            foreach ((byte[] buffer, int length) in _full!)
            {
                buffer.AsSpan(0, length).CopyTo(joined.AsSpan(offset));
                offset += length;
            }
            _buffer.AsSpan(0, _length).CopyTo(joined.AsSpan(offset));
            return encoding.GetString(joined, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>Returns the buffers to the pool; the instance is not used afterwards.</summary>
    public void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        if (_full is not null)
        {
            foreach ((byte[] buffer, _) in _full)
                ArrayPool<byte>.Shared.Return(buffer);
        }
        _buffer = [];
        _length = 0;
        _full = null;
    }

    // Room for at least one byte, and for <wanted> while the buffer may still grow: below SegmentSize
    // it doubles (copying what it holds); a full-size segment is filled to its end before the next.
    private void MakeRoom(int wanted)
    {
        int free = _buffer.Length - _length;
        if (free >= wanted)
            return;
        if (_buffer.Length < SegmentSize)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(SegmentSize, Math.Max(_buffer.Length * 2, _length + wanted)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (free == 0)
        {
            Chain();
        }
    }

    // Keeps the full buffer and continues in a new one. A character whose bytes are not all there yet
    // (a lead byte in the last three, short of the length it announces) moves on with them: each
    // buffer then decodes alone exactly as the whole output would.
    private void Chain()
    {
        int tail = IncompleteTail(_buffer.AsSpan(0, _length));
        byte[] next = ArrayPool<byte>.Shared.Rent(SegmentSize);
        _buffer.AsSpan(_length - tail, tail).CopyTo(next);
        (_full ??= []).Add((_buffer, _length - tail));
        _buffer = next;
        _length = tail;
    }

    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            byte b = bytes[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }
        return 0;
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
