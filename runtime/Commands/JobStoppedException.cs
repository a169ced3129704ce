namespace Spawn.Commands;

/// <summary>
/// The job timed out, was cancelled or wrote more than its limit, and was stopped by its
/// <see cref="StopPolicy"/>; every process was reaped. <see cref="Result"/> says how each ended and
/// which signal stopped them. An <see cref="OperationCanceledException"/>, so that code catching
/// cancellation catches it; for <see cref="StopReason.Canceled"/> it carries the caller's token.
/// </summary>
public sealed class JobStoppedException : OperationCanceledException
{
    internal JobStoppedException(string job, JobResult result, CancellationToken token)
        : this($"`{job}` was stopped ({Describe(result.StopReason)}) with {Signals.Name(result.StopSignal)}" +
               $"{(result.Killed ? ", then SIGKILL after the grace period" : "")}: {result.Status}", token, result)
    {
    }

    private JobStoppedException(string message, CancellationToken token, JobResult result)
        : base(message, token)
    {
        Result = result;
    }

    /// <summary>How every process ended, and how the job was stopped.</summary>
    public JobResult Result { get; }

    /// <summary>Why the job was stopped.</summary>
    public StopReason Reason => Result.StopReason;

    /// <summary>The same stop, naming the caller's own token (the job was given one linked to it).</summary>
    internal JobStoppedException WithToken(CancellationToken token) => new(Message, token, Result);

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.Timeout => "its timeout passed",
        StopReason.Canceled => "cancelled",
        StopReason.OutputLimit => "it wrote more than its captured-bytes limit",
        _ => "stopped",
    };
}
