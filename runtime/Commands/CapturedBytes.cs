using System.Text;
using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// Collects what a job writes to one stream in a <see cref="PipeBytes"/>, counting it against the
/// job's <see cref="Job.MaxCapturedBytes"/> (shared by stdout and stderr through
/// <see cref="OutputReading"/>); past the limit it keeps nothing more.
/// </summary>
internal sealed class CapturedBytes(OutputReading reading) : OutputSink, IPipeReader
{
    private PipeBytes _bytes = new();

    internal override ValueTask AddAsync(ReadOnlyMemory<byte> bytes)
    {
        if (reading.TryCount(bytes.Length))
            _bytes.Append(bytes.Span);
        return default;
    }

    /// <summary>
    /// One <c>read</c> of the non-blocking pipe <paramref name="fd"/> straight into the buffers (what
    /// the synchronous verbs call), as <see cref="PipeBytes.ReadOnce"/> returns; past the limit the
    /// bytes read are dropped.
    /// </summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    public int ReadOnce(int fd)
    {
        int count = _bytes.ReadOnce(fd);
        if (count > 0 && !reading.TryCount(count))
            _bytes.DropLast(count);
        return count;
    }

    internal string Decode(Encoding encoding) => _bytes.ToText(encoding);

    public override void Dispose() => _bytes.Release();
}
