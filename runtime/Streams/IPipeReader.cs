namespace Spawn.Streams;

/// <summary>Something that reads a pipe into its buffers, one <c>read</c> at a time (<see cref="PipeBytes"/>, a job's captured bytes).</summary>
internal interface IPipeReader
{
    /// <summary>One <c>read</c> of the non-blocking <paramref name="fd"/>: the byte count, 0 at the end of the pipe, -1 when it is empty (EAGAIN).</summary>
    /// <exception cref="SpawnException">read failed (EBADF, EIO).</exception>
    int ReadOnce(int fd);
}
