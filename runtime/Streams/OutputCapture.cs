using System.Buffers;
using System.Text;

namespace Spawn.Streams;

/// <summary>
/// The common case of running a command: spawn it with its stdout and stderr piped (and stdin from
/// <c>/dev/null</c>), read both to the end and wait for it, all without blocking a thread. Reading
/// goes through pooled buffers, so what is allocated is the two strings of the output (and the
/// task that carries them).
/// </summary>
public static class OutputCapture
{
    private const int FirstBufferSize = 4096;

    /// <summary>
    /// Runs <paramref name="file"/> (searched in PATH as <c>pidfd_spawnp</c> does when it has no slash) with
    /// <paramref name="arguments"/> and returns its exit status and output.
    /// </summary>
    /// <param name="file">The program; also its <c>argv[0]</c>.</param>
    /// <param name="arguments">The arguments after <c>argv[0]</c>.</param>
    /// <param name="cancellationToken">Kills the command (SIGKILL), reaps it, and throws.</param>
    /// <exception cref="SpawnException">The spawn failed (the stage, path and errno are in it); pipe2 failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled: the command was killed.</exception>
    public static async Task<CapturedOutput> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arguments);
        string[] argv = [file, .. arguments];
        using var pipes = StandardPipes.Create(StandardStreams.Output | StandardStreams.Error);
        var actions = pipes.AddTo(new SpawnFileActions().AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0));
        using PidFd child = Spawner.PidFdSpawnP(file, actions, null, argv, null);
        pipes.CloseChildEnds();
        return await CollectAsync(child, pipes.Output!, pipes.Error!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads <paramref name="output"/> and <paramref name="error"/> to their end while waiting for
    /// <paramref name="child"/>; on cancellation kills the child (SIGKILL), reaps it and throws.
    /// The caller disposes the child and the streams.
    /// </summary>
    internal static async Task<CapturedOutput> CollectAsync(PidFd child, ChildPipeStream output, ChildPipeStream error, CancellationToken cancellationToken)
    {
        try
        {
            Task<string> outputText = ReadToEndAsync(output, cancellationToken);
            Task<string> errorText = ReadToEndAsync(error, cancellationToken);
            ExitStatus status = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new CapturedOutput(status, await outputText.ConfigureAwait(false), await errorText.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            child.TrySendSignal(Signals.SIGKILL, out _);
            await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<string> ReadToEndAsync(ChildPipeStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        int length = 0;
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += count;
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
