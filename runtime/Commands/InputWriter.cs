using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// Writes a job's <see cref="StandardInput"/> into its stdin pipe while it runs, then closes the pipe
/// (end of file for the job). A job that exits or closes its stdin first ends the writing quietly
/// (EPIPE: the rest is not wanted), as does the cancellation at the job's exit. The synchronous verbs
/// write the same bytes from their poll loop (<see cref="PolledJob"/>).
/// </summary>
internal static class InputWriter
{
    private const int EPIPE = 32;

    internal static async Task WriteAsync(ChildPipeStream? pipe, Job job, CancellationToken jobExited)
    {
        if (pipe is null)
            return;
        try
        {
            StandardInput input = job.Input;
            if (input.Kind == StandardInputKind.Stream)
                await input.Stream!.CopyToAsync(pipe, jobExited).ConfigureAwait(false);
            else
                await pipe.WriteAsync(FixedBytes(job), jobExited).ConfigureAwait(false);
        }
        catch (IOException error) when (IsClosedByReader(error))
        {
        }
        catch (OperationCanceledException) when (jobExited.IsCancellationRequested)
        {
        }
        finally
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The bytes of a text or bytes input (the text encoded with <see cref="Job.Encoding"/>); empty for a stream.</summary>
    internal static ReadOnlyMemory<byte> FixedBytes(Job job) => job.Input.Kind switch
    {
        StandardInputKind.Text => job.Encoding.GetBytes(job.Input.Text!),
        StandardInputKind.Bytes => job.Input.Bytes,
        _ => ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>True for the EPIPE of a write after the job closed its stdin or exited: the rest is not wanted.</summary>
    internal static bool IsClosedByReader(IOException error) => error.HResult == EPIPE;
}
