using System.Buffers;
using System.Text;
using System.Threading.Channels;

namespace Spawn.Commands;

/// <summary>
/// Decodes what a job writes to one stream (a <see cref="Decoder"/>, so that a character split
/// between two reads is kept whole) into a pooled character buffer and hands the complete lines of
/// each read, in pooled <see cref="LineBatch"/>es, to the channel the consumer reads. The only
/// allocation per line is the line's string; the bounded channel makes a slow consumer stop the
/// reading, so the pipe fills and the job waits.
/// </summary>
internal sealed class LineSplitter(OutputSource source, Encoding encoding, ChannelWriter<LineBatch> lines,
                                   CancellationToken cancellationToken) : OutputSink
{
    private readonly Decoder _decoder = encoding.GetDecoder();
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);
    private int _length;
    private int _scanned; // no line ending before this index

    internal override ValueTask AddAsync(ReadOnlyMemory<byte> bytes)
    {
        Reserve(encoding.GetMaxCharCount(bytes.Length));
        _length += _decoder.GetChars(bytes.Span, _chars.AsSpan(_length), flush: false);
        return EmitLinesAsync();
    }

    internal override async ValueTask CompleteAsync()
    {
        Reserve(encoding.GetMaxCharCount(0));
        _length += _decoder.GetChars([], _chars.AsSpan(_length), flush: true);
        await EmitLinesAsync().ConfigureAwait(false);
        if (_length > 0)
        {
            OutputLine[] last = LineBatch.Rent();
            last[0] = new OutputLine(source, new string(_chars, 0, _length));
            await WriteAsync(new LineBatch(last, 1)).ConfigureAwait(false);
        }
        _length = 0;
    }

    public override void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }

    private async ValueTask EmitLinesAsync()
    {
        int start = 0;
        int newline;
        OutputLine[]? batch = null;
        int count = 0;
        while ((newline = FindNewline(start)) >= 0)
        {
            int end = newline > start && _chars[newline - 1] == '\r' ? newline - 1 : newline;
            batch ??= LineBatch.Rent();
            batch[count++] = new OutputLine(source, new string(_chars, start, end - start));
            start = newline + 1;
            if (count == LineBatch.Capacity)
            {
                await WriteAsync(new LineBatch(batch, count)).ConfigureAwait(false);
                batch = null;
                count = 0;
            }
        }
        if (batch is not null)
            await WriteAsync(new LineBatch(batch, count)).ConfigureAwait(false);
        _chars.AsSpan(start, _length - start).CopyTo(_chars);
        _length -= start;
        _scanned = _length;
    }

    private int FindNewline(int start)
    {
        int from = Math.Max(start, _scanned);
        int found = _chars.AsSpan(from, _length - from).IndexOf('\n');
        return found < 0 ? -1 : from + found;
    }

    private ValueTask WriteAsync(LineBatch batch) =>
        lines.TryWrite(batch) ? default : lines.WriteAsync(batch, cancellationToken);

    private void Reserve(int more)
    {
        if (_length + more <= _chars.Length)
            return;
        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + more));
        _chars.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }
}
