using System.Threading.Channels;

namespace Spawn.Commands;

/// <summary>
/// The lines of a job as <see cref="Job.ReadLinesAsync"/> streams them: enumerating starts the job
/// (once; a second enumeration throws), and <see cref="Result"/> tells how it ended once the loop is
/// over. Leaving the loop early, or cancelling, stops the job by its <see cref="StopPolicy"/> and reaps it.
/// </summary>
public sealed class OutputLines : IAsyncEnumerable<OutputLine>
{
    // Batches read but not consumed yet (at most LineBatch.Capacity lines each, one or more per read);
    // past this the reading pauses and the job's pipe fills.
    private const int Backlog = 4;

    private readonly Job _job;
    private readonly CancellationToken _cancellationToken;
    private Task<JobResult>? _execution;

    internal OutputLines(Job job, CancellationToken cancellationToken)
    {
        _job = job;
        _cancellationToken = cancellationToken;
    }

    /// <summary>How the job ended; completes when the enumeration has ended.</summary>
    /// <exception cref="InvalidOperationException">The lines were not enumerated yet.</exception>
    public Task<JobResult> Result => _execution ?? throw new InvalidOperationException("Enumerate the lines first: that starts the job.");

    /// <summary>Starts the job and yields its lines in arrival order.</summary>
    /// <param name="cancellationToken">Also stops the job (with <c>WithCancellation</c>).</param>
    /// <exception cref="InvalidOperationException">The lines were enumerated before.</exception>
    public async IAsyncEnumerator<OutputLine> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        cancellationToken.ThrowIfCancellationRequested();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        var channel = Channel.CreateBounded<LineBatch>(
            new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        if (Interlocked.CompareExchange(ref _execution, ExecuteAsync(channel.Writer, stop.Token, cancellationToken), null) is not null)
            throw new InvalidOperationException("The lines of a job can be enumerated once; call ReadLinesAsync again to run it again.");

        bool ended = false;
        try
        {
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out LineBatch batch))
                {
                    try
                    {
                        for (int i = 0; i < batch.Count; i++)
                            yield return batch.Lines[i];
                    }
                    finally
                    {
                        batch.Return();
                    }
                }
            }
            ended = true;
        }
        finally
        {
            if (!ended)
                await stop.CancelAsync().ConfigureAwait(false);
            await FinishAsync(rethrow: ended).ConfigureAwait(false);
        }
    }

    private async Task<JobResult> ExecuteAsync(ChannelWriter<LineBatch> lines, CancellationToken stop, CancellationToken enumeratorToken)
    {
        await Task.Yield();
        try
        {
            return await JobExecution.ExecuteAsync(_job, JobExecution.Mode.Lines, lines, stop).ConfigureAwait(false);
        }
        catch (JobStoppedException stopped) when (stopped.Reason == StopReason.Canceled)
        {
            // Name the caller's token, so that a filter on it matches; a loop left early names none.
            throw stopped.WithToken(_cancellationToken.IsCancellationRequested ? _cancellationToken
                                    : enumeratorToken.IsCancellationRequested ? enumeratorToken : default);
        }
        finally
        {
            lines.TryComplete();
        }
    }

    private async Task FinishAsync(bool rethrow)
    {
        try
        {
            await _execution!.ConfigureAwait(false);
        }
        catch (Exception) when (!rethrow)
        {
            // The consumer left the loop: the job was stopped on its behalf, which is no error.
        }
    }
}
