using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// Writes a job's <see cref="StandardInput"/> into its stdin pipe while it runs, then closes the pipe
/// (end of file for the job). A job that exits or closes its stdin first ends the writing quietly
/// (EPIPE: the rest is not wanted), as does the cancellation at the job's exit.
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
            switch (input.Kind)
            {
                case StandardInputKind.Text:
                    await pipe.WriteAsync(job.Encoding.GetBytes(input.Text!), jobExited).ConfigureAwait(false);
                    break;
                case StandardInputKind.Bytes:
                    await pipe.WriteAsync(input.Bytes, jobExited).ConfigureAwait(false);
                    break;
                default:
                    await input.Stream!.CopyToAsync(pipe, jobExited).ConfigureAwait(false);
                    break;
            }
        }
        catch (IOException error) when (error.HResult == EPIPE)
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
}
