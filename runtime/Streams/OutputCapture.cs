using Microsoft.Win32.SafeHandles;
using Spawn.Lifecycle;

namespace Spawn.Streams;

/// <summary>
/// The common case of running a command: spawn it with its stdout and stderr piped (and stdin from
/// <c>/dev/null</c>), read both to the end and wait for it, either on the calling thread
/// (<see cref="Run"/>) or without blocking one (<see cref="RunAsync"/>). Reading goes into pooled
/// buffers, and a pipe that fills is widened (<c>fcntl(F_SETPIPE_SZ)</c>, up to
/// <c>/proc/sys/fs/pipe-max-size</c>), so what is allocated is little more than the two strings of
/// the output.
/// </summary>
public static class OutputCapture
{
    /// <summary>
    /// Runs <paramref name="file"/> (searched in PATH as <c>pidfd_spawnp</c> does when it has no slash) with
    /// <paramref name="arguments"/>, reads its stdout and stderr on the calling thread with <c>poll</c> +
    /// <c>read</c> until the command closed both, then waits for it (<c>waitid</c>).
    /// </summary>
    /// <param name="file">The program; also its <c>argv[0]</c>.</param>
    /// <param name="arguments">The arguments after <c>argv[0]</c>.</param>
    /// <returns>How the command ended and what it wrote, decoded as UTF-8.</returns>
    /// <exception cref="SpawnException">The spawn failed (the stage, path and errno are in it); pipe2 failed
    /// (EMFILE, ENFILE); poll or read failed (ENOMEM, EIO), and the command was then killed (SIGKILL).</exception>
    public static CapturedOutput Run(string file, IReadOnlyList<string> arguments)
    {
        using CapturePipes pipes = CapturePipes.Create();
        using PidFd child = Start(file, arguments, pipes);
        return Collect(child, pipes.OutputRead, pipes.ErrorRead);
    }

    /// <summary>
    /// Runs <paramref name="file"/> (searched in PATH as <c>pidfd_spawnp</c> does when it has no slash) with
    /// <paramref name="arguments"/> and returns its exit status and output. The pipes and the pidfd are
    /// watched together by the epoll reactor: its thread reads the pipes as they turn readable
    /// (<c>epoll_wait</c> + <c>read</c>) and reaps the command when its pidfd does (<c>waitid</c>), so no
    /// thread blocks, and the task completes once, when all three have ended.
    /// </summary>
    /// <param name="file">The program; also its <c>argv[0]</c>.</param>
    /// <param name="arguments">The arguments after <c>argv[0]</c>.</param>
    /// <param name="cancellationToken">Kills the command (SIGKILL), reaps it, and throws.</param>
    /// <exception cref="SpawnException">The spawn failed (the stage, path and errno are in it); pipe2 failed
    /// (EMFILE, ENFILE); fcntl, read or epoll_ctl failed (EIO, ENOMEM, ENOSPC), and the command was then
    /// killed (SIGKILL).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled: the command was killed.</exception>
    public static Task<CapturedOutput> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        CapturePipes? pipes = null;
        PidFd child;
        try
        {
            pipes = CapturePipes.Create();
            child = Start(file, arguments, pipes);
        }
        catch (SpawnException exception)
        {
            pipes?.Dispose();
            return Task.FromException<CapturedOutput>(exception);
        }
        catch
        {
            pipes?.Dispose();
            throw;
        }
        return CaptureWait.Start(child, pipes.OutputRead, pipes.ErrorRead, cancellationToken);
    }

    // pidfd_spawnp with the pipes on 1 and 2 and /dev/null on 0; this process's copies of the write
    // ends are closed once the child has its own.
    private static PidFd Start(string file, IReadOnlyList<string> arguments, CapturePipes pipes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arguments);
        PidFd child = Spawner.PidFdSpawnP(file, pipes.FileActions(), null, [file, .. arguments], null);
        pipes.CloseChildEnds();
        return child;
    }

    /// <summary>
    /// How long a stopped capture reads on once its child ended, for the pipes a process outside the
    /// stop's reach may hold open (a grandchild); also what <c>Job.OutputDrainTimeout</c> is unless set.
    /// </summary>
    internal static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads <paramref name="output"/> and <paramref name="error"/> (read ends of pipes from
    /// <c>pipe2(O_CLOEXEC)</c>, made non-blocking here) to their end on this thread, then
    /// waits for <paramref name="child"/>; if reading fails, kills the child (SIGKILL) and throws.
    /// With <paramref name="stop"/>, when <paramref name="deadline"/> passes first it runs the stop
    /// (a stop policy, which reaps the child; not when the child had ended already) and reads on until
    /// the pipes close, for at most <see cref="DrainTime"/>.
    /// The caller disposes the child and the handles.
    /// </summary>
    internal static CapturedOutput Collect(PidFd child, SafeFileHandle output, SafeFileHandle error, Deadline deadline = default, Action? stop = null)
    {
        PipeBytes outputBytes = new(), errorBytes = new();
        try
        {
            int outputFd = (int)output.DangerousGetHandle(), errorFd = (int)error.DangerousGetHandle();
            // Non-blocking, for the reads after the one poll allowed (OutputPolling.ReadsBeforePolling).
            NonBlockingDescriptor.SetPipeNonBlocking(outputFd);
            NonBlockingDescriptor.SetPipeNonBlocking(errorFd);
            if (!OutputPolling.ReadToEnd(outputFd, errorFd, ref outputBytes, ref errorBytes, stop is null ? Deadline.Never : deadline))
            {
                // A pipe is still open at the deadline: the child is stopped, unless it ended in time and
                // a process outside its scope (its own child) holds the pipe. Either way what is in the
                // pipes, and what comes within the drain time, is read; then the capture ends.
                if (!child.TryWaitForExit(out _))
                    stop!();
                OutputPolling.ReadToEnd(outputFd, errorFd, ref outputBytes, ref errorBytes, Deadline.After(DrainTime));
            }
            // A child may close its pipes and go on running: the deadline holds for its exit too.
            else if (stop is not null && !child.TryWaitForExitUntil(deadline, out _))
            {
                stop();
            }
            ExitStatus status = child.WaitForExit();
            return new CapturedOutput(status, outputBytes.ToText(), errorBytes.ToText());
        }
        catch (SpawnException)
        {
            child.TrySendSignal(Signals.SIGKILL, out _);
            throw;
        }
        finally
        {
            outputBytes.Release();
            errorBytes.Release();
        }
    }
}
