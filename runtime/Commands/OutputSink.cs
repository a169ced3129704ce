namespace Spawn.Commands;

/// <summary>Where the bytes read from one of a job's output pipes go: collected, or split into lines.</summary>
internal abstract class OutputSink : IDisposable
{
    /// <summary>Takes the next bytes read from the pipe.</summary>
    internal abstract ValueTask AddAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>The pipe reached its end (or reading stopped).</summary>
    internal virtual ValueTask CompleteAsync() => default;

    /// <summary>Returns pooled buffers.</summary>
    public abstract void Dispose();
}
