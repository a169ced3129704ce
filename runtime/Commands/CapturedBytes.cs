using System.Buffers;
using System.Text;

namespace Spawn.Commands;

/// <summary>
/// Collects what a job writes to one stream in a pooled buffer that doubles as needed, counting it
/// against the job's <see cref="Job.MaxCapturedBytes"/> (shared by stdout and stderr through
/// <see cref="OutputReading"/>); past the limit it keeps nothing more.
/// </summary>
internal sealed class CapturedBytes(OutputReading reading) : OutputSink
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    internal override ValueTask AddAsync(ReadOnlyMemory<byte> bytes)
    {
        Add(bytes.Span);
        return default;
    }

    /// <summary>Keeps <paramref name="bytes"/> unless the limit is passed; what the synchronous verbs call.</summary>
    internal void Add(ReadOnlySpan<byte> bytes)
    {
        if (!reading.TryCount(bytes.Length))
            return;
        if (_length + bytes.Length > _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes.Length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    internal string Decode(Encoding encoding) => encoding.GetString(_buffer, 0, _length);

    public override void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
