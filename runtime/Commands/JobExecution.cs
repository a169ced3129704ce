using System.Threading.Channels;

namespace Spawn.Commands;

/// <summary>
/// What every verb does: start the job, feed its stdin, read its output, wait for it (stopping it
/// by its policy on timeout, cancellation or too much output), drain its pipes for at most
/// <see cref="Job.OutputDrainTimeout"/> after the exit, and turn the outcome into a result or an exception.
/// <see cref="ExecuteAsync"/> waits on the epoll reactor; <see cref="PolledJob"/> takes the same steps on
/// the calling thread for the synchronous verbs, and both end in <see cref="Finish"/>.
/// </summary>
internal static class JobExecution
{
    internal enum Mode
    {
        Run,
        Capture,
        Lines,
    }

    internal static async Task<JobResult> ExecuteAsync(Job job, Mode mode, ChannelWriter<LineBatch>? lines,
                                                       CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        job.Validate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var inputEnd = new CancellationTokenSource();
        using var drain = new CancellationTokenSource();
        using OutputReading? reading = mode switch
        {
            Mode.Capture => OutputReading.ForCapture(job, stop),
            Mode.Lines => OutputReading.ForLines(job, stop, lines!, cancellationToken),
            _ => null,
        };
        using RunningJob running = JobLauncher.Start(job, pipeOutput: mode != Mode.Run);
        if (job.Timeout != Timeout.InfiniteTimeSpan)
            stop.CancelAfter(job.Timeout);

        Task input = InputWriter.WriteAsync(running.Pipes.Input, job, inputEnd.Token);
        Task output = OutputReading.PumpAsync(running.Pipes.Output, reading?.Output, drain.Token);
        Task error = OutputReading.PumpAsync(running.Pipes.Error, reading?.Error, drain.Token);

        StopReason reason = StopReason.None;
        bool killed = false;
        try
        {
            await running.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            reason = StopReasonFor(reading, cancellationToken);
            killed = await running.StopAsync().ConfigureAwait(false);
        }

        // Every process is reaped. Output still comes while a grandchild holds a pipe; give it the drain time.
        await inputEnd.CancelAsync().ConfigureAwait(false);
        if (job.OutputDrainTimeout != Timeout.InfiniteTimeSpan)
            drain.CancelAfter(job.OutputDrainTimeout);
        try
        {
            await Task.WhenAll(output, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (reason != StopReason.None)
        {
            // A consumer of lines that was cancelled too: the stop below says it.
        }
        finally
        {
            await input.ConfigureAwait(false);
        }

        return Finish(job, running, reading, reason, killed, cancellationToken);
    }

    /// <summary>Why a job whose wait ended early is stopped: too much output, the caller's token, else its timeout.</summary>
    internal static StopReason StopReasonFor(OutputReading? reading, CancellationToken cancellationToken) =>
        reading?.LimitExceeded == true ? StopReason.OutputLimit
        : cancellationToken.IsCancellationRequested ? StopReason.Canceled
        : StopReason.Timeout;

    /// <summary>
    /// The outcome of a job whose processes were all reaped and whose output was read: its
    /// <see cref="JobResult"/> (a <see cref="JobOutput"/> when captured), or <see cref="JobStoppedException"/>
    /// when it was stopped, or <see cref="JobFailedException"/> when it failed with <see cref="Job.ThrowOnFailure"/>.
    /// </summary>
    internal static JobResult Finish(Job job, RunningJob running, OutputReading? reading, StopReason reason, bool killed,
                                     CancellationToken cancellationToken)
    {
        var result = new JobResult(running.Statuses(), reason, reason == StopReason.None ? 0 : job.Stop.Signal, killed);
        string standardError = "";
        if (reading?.Output is CapturedBytes capturedOutput && reading.Error is CapturedBytes capturedError)
        {
            standardError = capturedError.Decode(job.Encoding);
            result = new JobOutput(result, capturedOutput.Decode(job.Encoding), standardError);
        }
        if (reason != StopReason.None)
            throw new JobStoppedException(job.ToString(), result, reason == StopReason.Canceled ? cancellationToken : default);
        if (job.ThrowOnFailure && !result.Succeeded)
            throw new JobFailedException(job.ToString(), result, standardError);
        return result;
    }
}
