using System.Buffers;
using System.Threading.Channels;
using Spawn.Streams;

namespace Spawn.Commands;

/// <summary>
/// Reads a job's stdout and stderr pipes at the same time (so neither fills up and stalls the job)
/// into their <see cref="OutputSink"/>s until each reaches end of file, or until the drain token ends
/// the reading after the job exited: what is already in the pipe is still read, then reading stops.
/// Counts captured bytes against <see cref="Job.MaxCapturedBytes"/> and, past it, asks for the stop.
/// </summary>
internal sealed class OutputReading : IDisposable
{
    /// <summary>How many bytes one read of an output pipe asks for.</summary>
    internal const int ReadSize = 16 * 1024;

    private readonly long _limit;
    private readonly CancellationTokenSource _stop;
    private long _counted;
    private int _limitExceeded;

    private OutputReading(long limit, CancellationTokenSource stop)
    {
        _limit = limit;
        _stop = stop;
    }

    internal OutputSink? Output { get; private set; }

    internal OutputSink? Error { get; private set; }

    /// <summary>True once the captured bytes passed the limit.</summary>
    internal bool LimitExceeded => Volatile.Read(ref _limitExceeded) != 0;

    /// <summary>Collects both streams as bytes.</summary>
    internal static OutputReading ForCapture(Job job, CancellationTokenSource stop)
    {
        var reading = new OutputReading(job.MaxCapturedBytes, stop);
        reading.Output = new CapturedBytes(reading);
        reading.Error = new CapturedBytes(reading);
        return reading;
    }

    /// <summary>Splits both streams into lines for <paramref name="lines"/>.</summary>
    internal static OutputReading ForLines(Job job, CancellationTokenSource stop, ChannelWriter<LineBatch> lines,
                                           CancellationToken cancellationToken) =>
        new(long.MaxValue, stop)
        {
            Output = new LineSplitter(OutputSource.Output, job.Encoding, lines, cancellationToken),
            Error = new LineSplitter(OutputSource.Error, job.Encoding, lines, cancellationToken),
        };

    /// <summary>Reads <paramref name="pipe"/> into <paramref name="sink"/> to its end or until <paramref name="drain"/> is cancelled.</summary>
    internal static async Task PumpAsync(ChildPipeStream? pipe, OutputSink? sink, CancellationToken drain)
    {
        if (pipe is null || sink is null)
            return;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            while (true)
            {
                int count;
                try
                {
                    count = await pipe.ReadAsync(buffer, drain).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (drain.IsCancellationRequested)
                {
                    // The job exited a while ago and a grandchild holds the pipe: take what is there, then stop.
                    while ((count = pipe.ReadAvailable(buffer)) > 0)
                        await sink.AddAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                    break;
                }
                if (count == 0)
                    break;
                await sink.AddAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
            }
            await sink.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts <paramref name="bytes"/> more; false (and the stop asked for) once past the limit.</summary>
    internal bool TryCount(int bytes)
    {
        if (Interlocked.Add(ref _counted, bytes) <= _limit)
            return true;
        if (Interlocked.Exchange(ref _limitExceeded, 1) == 0)
            _stop.Cancel();
        return false;
    }

    public void Dispose()
    {
        Output?.Dispose();
        Error?.Dispose();
    }
}
