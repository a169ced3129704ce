namespace Spawn.Commands;

/// <summary>
/// A job with <see cref="Job.ThrowOnFailure"/> ended by itself but did not succeed (an exit code other
/// than 0, or a signal, in any stage). The message names the command and ends with the last lines of
/// its captured stderr.
/// </summary>
public sealed class JobFailedException : Exception
{
    /// <summary>How many characters of stderr the message keeps, from its end.</summary>
    internal const int ErrorTailLength = 1024;

    internal JobFailedException(string job, JobResult result, string standardError)
        : base(Format(job, result, standardError))
    {
        Result = result;
        StandardErrorTail = Tail(standardError);
    }

    /// <summary>How every process ended (a <see cref="JobOutput"/> when the output was captured).</summary>
    public JobResult Result { get; }

    /// <summary>The last characters (up to 1024) of the captured stderr; empty when it was not captured.</summary>
    public string StandardErrorTail { get; }

    private static string Format(string job, JobResult result, string standardError)
    {
        string tail = Tail(standardError).TrimEnd();
        return tail.Length == 0 ? $"{job} {result.Status}." : $"{job} {result.Status}: {tail}";
    }

    private static string Tail(string text) => text.Length <= ErrorTailLength ? text : text[^ErrorTailLength..];
}
