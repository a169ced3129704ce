namespace Spawn.Commands;

/// <summary>
/// What a job reads on its stdin: <c>/dev/null</c> (the default), this process's stdin, a file
/// opened by the child (<c>open(path, O_RDONLY)</c> as a file action), or bytes written through a pipe
/// (from a string, a byte buffer or a <see cref="System.IO.Stream"/>) while the job runs. The job may
/// exit without reading everything: the rest is dropped (the pipe's EPIPE is not an error).
/// </summary>
public sealed class StandardInput
{
    private StandardInput(StandardInputKind kind, string? path = null, string? text = null,
                          ReadOnlyMemory<byte> bytes = default, Stream? stream = null)
    {
        Kind = kind;
        Path = path;
        Text = text;
        Bytes = bytes;
        Stream = stream;
    }

    /// <summary><c>/dev/null</c>: the job reads end of file at once.</summary>
    public static StandardInput Null { get; } = new(StandardInputKind.Null);

    /// <summary>This process's own stdin.</summary>
    public static StandardInput Inherit { get; } = new(StandardInputKind.Inherit);

    internal StandardInputKind Kind { get; }

    internal string? Path { get; }

    internal string? Text { get; }

    internal ReadOnlyMemory<byte> Bytes { get; }

    internal Stream? Stream { get; }

    /// <summary>The text, encoded with the job's <see cref="Job.Encoding"/>, then end of file.</summary>
    public static StandardInput FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StandardInput(StandardInputKind.Text, text: text);
    }

    /// <summary>The bytes, then end of file. The buffer is not copied: leave it unchanged while the job runs.</summary>
    public static StandardInput FromBytes(ReadOnlyMemory<byte> bytes) => new(StandardInputKind.Bytes, bytes: bytes);

    /// <summary>
    /// What <paramref name="stream"/> gives from its current position to its end, copied while the job
    /// runs; the stream is left open.
    /// </summary>
    /// <exception cref="ArgumentException">The stream cannot be read (it is closed, or write-only); checked
    /// again when the job starts.</exception>
    public static StandardInput FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = new StandardInput(StandardInputKind.Stream, stream: stream);
        input.CheckUsable();
        return input;
    }

    /// <summary>The file, opened by the child (<c>open(path, O_RDONLY)</c>); a missing file fails the
    /// spawn with a <see cref="SpawnException"/> naming the file action and the path.</summary>
    /// <exception cref="ArgumentException">The path is empty or holds a NUL character.</exception>
    public static StandardInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        return new StandardInput(StandardInputKind.File, path: path);
    }

    /// <summary>Whether this process writes the job's stdin through a pipe.</summary>
    internal bool IsPiped => Kind is StandardInputKind.Text or StandardInputKind.Bytes or StandardInputKind.Stream;

    /// <summary>Fails before anything is started when the stream was closed since.</summary>
    internal void CheckUsable()
    {
        if (Stream is { CanRead: false })
            throw new ArgumentException("The stdin stream cannot be read: it is closed or write-only.", "input");
    }
}
