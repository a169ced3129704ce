using System.ComponentModel;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Commands;
using Spawn.Lifecycle;
using Spawn.LowLevel;
using Spawn.Streams;

namespace Spawn.Specs.Support;

/// <summary>
/// What a generated <see cref="SpawnSpecAttribute"/> method with <see cref="TimeoutAttribute"/> or
/// <see cref="StopSignalAttribute"/> does after the spawn: wait for the child until the timeout or
/// the token, and then stop it by its policy (the runtime's <see cref="StopPolicy"/> procedure) and
/// throw <see cref="JobStoppedException"/>; not meant to be called by hand. Each method takes
/// ownership of the child, the pipe ends and the policy's cgroup, whatever happens.
/// </summary>
/// <remarks>
/// <para>For the code the Spawn generator writes: not a stable API, it may change in any release.</para>
/// <para>Allocation: <see cref="WaitOrStop"/> allocates nothing while the child exits in time (it keeps
/// the child as a bare descriptor); the <c>ValueTask</c> forms allocate their state
/// machine and a linked <see cref="CancellationTokenSource"/>; a stop allocates its policy, target
/// and exception; a cgroup scope opens a <see cref="Cgroup"/> per call.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecStop
{
    /// <summary>Checks a timeout given by a parameter before anything is spawned.</summary>
    /// <param name="timeout">Zero or more, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="name">The parameter's name, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative, other than <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static void CheckTimeout(TimeSpan timeout, string name) => JobTimeouts.Check(timeout, name);

    /// <summary>
    /// The cgroup a cgroup-scoped policy signals: the folder behind <paramref name="fd"/> (the spec's
    /// constant path opened for the spawn, or its cgroup parameter), found through
    /// <c>readlink("/proc/self/fd/N")</c> and opened again, so that the wait does not depend on the caller's handle.
    /// </summary>
    /// <param name="fd">A descriptor of the cgroup2 folder.</param>
    /// <returns>The cgroup; the generated body hands it to the wait, which disposes it.</returns>
    /// <exception cref="SpawnException">The link cannot be read (EBADF), or <see cref="Cgroup.Open"/> failed.</exception>
    public static Cgroup OpenCgroup(int fd)
    {
        string link = "/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? path = new FileInfo(link).LinkTarget;
        return path is not null && path.StartsWith('/') ? Cgroup.Open(path) : throw new SpawnException("readlink cgroup descriptor", Errno.EBADF, link);
    }

    /// <summary>
    /// Waits for the child with <c>poll</c> on its pidfd until <paramref name="timeout"/> passes and
    /// reaps it (<c>waitid(P_PIDFD)</c>); past the timeout, stops it by <paramref name="policy"/> on this
    /// thread (signal, <c>poll</c> for the grace period, SIGKILL) and throws. The child stays a bare
    /// descriptor while it ends in time: it becomes a <see cref="PidFd"/> only for a stop (the policy's
    /// target signals through one) or after a failure (whose disposal hands it to the background reaper).
    /// </summary>
    /// <param name="pidfd">The child's pidfd; closed on return.</param>
    /// <param name="pid">The child's pid.</param>
    /// <param name="timeout">The spec's timeout.</param>
    /// <param name="policy">The spec's stop policy; its cgroup is disposed on return.</param>
    /// <param name="job">The spec's command line, for the exception.</param>
    /// <returns>How the child ended, when it ended in time.</returns>
    /// <exception cref="JobStoppedException">The timeout passed: the child was stopped and reaped.</exception>
    /// <exception cref="SpawnException">poll or waitid failed; a signal could not be sent.</exception>
    public static ExitStatus WaitOrStop(int pidfd, int pid, TimeSpan timeout, SpecStopPolicy policy, string job)
    {
        using (policy.Cgroup)
        {
            bool exited;
            ExitStatus status = default;
            try
            {
                exited = ChildWait.WaitReadable(pidfd, Deadline.After(timeout));
                if (exited)
                    status = SpawnCore.WaitForExit(pidfd);
            }
            catch
            {
                PidFd.FromRaw(pidfd, pid).Dispose();
                throw;
            }
            if (exited)
            {
                SpawnCore.Close(pidfd);
                return status;
            }
            using PidFd child = PidFd.FromRaw(pidfd, pid);
            bool killed = policy.TargetOf(child).Stop(policy.ToPolicy());
            throw Stopped(job, new JobResult([child.WaitForExit()], StopReason.Timeout, policy.Signal, killed), StopReason.Timeout, default);
        }
    }

    /// <summary>
    /// Awaits the exit of <paramref name="child"/> on the epoll reactor until <paramref name="timeout"/>
    /// passes or <paramref name="cancellationToken"/> is cancelled, then stops it by
    /// <paramref name="policy"/> and throws.
    /// </summary>
    /// <param name="child">The child; disposed once done.</param>
    /// <param name="timeout">The spec's timeout, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="policy">The spec's stop policy; its cgroup is disposed once done.</param>
    /// <param name="job">The spec's command line, for the exception.</param>
    /// <param name="cancellationToken">Runs the policy too.</param>
    /// <returns>How the child ended, when it ended by itself.</returns>
    /// <exception cref="JobStoppedException">The timeout passed or the token was cancelled (then it
    /// carries the token): the child was stopped and reaped.</exception>
    /// <exception cref="SpawnException">The wait or a signal failed.</exception>
    public static async ValueTask<ExitStatus> WaitOrStopAsync(PidFd child, TimeSpan timeout, SpecStopPolicy policy, string job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(child);
        using (child)
        using (policy.Cgroup)
        using (CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (timeout != Timeout.InfiniteTimeSpan)
                stop.CancelAfter(timeout);
            try
            {
                return await child.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                StopReason reason = cancellationToken.IsCancellationRequested ? StopReason.Canceled : StopReason.Timeout;
                bool killed = await policy.TargetOf(child).StopAsync(policy.ToPolicy()).ConfigureAwait(false);
                throw Stopped(job, new JobResult([child.WaitForExit()], reason, policy.Signal, killed), reason, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reads the child's stdout and stderr to their end while awaiting its exit, as
    /// <see cref="SpecCapture.CaptureAsync"/> does (one operation of the epoll reactor); when
    /// <paramref name="timeout"/> passes or <paramref name="cancellationToken"/> is cancelled before the
    /// child exited, stops it by <paramref name="policy"/> (instead of SIGKILL at once) while the reads
    /// go on, keeps what it wrote until its pipes closed, and throws. Pipes still open a second after
    /// the child ended (another process holds them) end the reads, and a child that had ended before
    /// the timeout is not stopped: its capture returns.
    /// </summary>
    /// <param name="child">The child; disposed once done.</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed once done.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed once done.</param>
    /// <param name="timeout">The spec's timeout, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="policy">The spec's stop policy; its cgroup is disposed once done.</param>
    /// <param name="job">The spec's command line, for the exception.</param>
    /// <param name="cancellationToken">Runs the policy too.</param>
    /// <returns>How the child ended and what it wrote, when it ended by itself.</returns>
    /// <exception cref="JobStoppedException">Stopped: its <see cref="JobStoppedException.Result"/> is a
    /// <see cref="JobOutput"/> with what the child wrote.</exception>
    /// <exception cref="SpawnException">A read, the wait or a signal failed.</exception>
    public static async ValueTask<CapturedOutput> CaptureOrStopAsync(PidFd child, int outputFd, int errorFd, TimeSpan timeout, SpecStopPolicy policy,
                                                                     string job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(child);
        using (policy.Cgroup)
        using (CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (timeout != Timeout.InfiniteTimeSpan)
                stop.CancelAfter(timeout);
            // The capture owns the child and the pipes; the reads go on while the policy runs, so that
            // what the child writes on its way out is kept. The policy reaps the child.
            bool? killed = null;
            CapturedOutput captured = await CaptureWait.Start(child, SpecDescriptors.ToHandle(outputFd), SpecDescriptors.ToHandle(errorFd), stop.Token,
                async () => killed = await policy.TargetOf(child).StopAsync(policy.ToPolicy()).ConfigureAwait(false)).ConfigureAwait(false);
            if (killed is not { } wasKilled)
                return captured;
            StopReason reason = cancellationToken.IsCancellationRequested ? StopReason.Canceled : StopReason.Timeout;
            var result = new JobOutput(new JobResult([captured.Status], reason, policy.Signal, wasKilled), captured.StandardOutput, captured.StandardError);
            throw Stopped(job, result, reason, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the child's stdout and stderr to their end with <c>poll</c> + <c>read</c>, as
    /// <see cref="SpecCapture.Capture"/>, until <paramref name="timeout"/> passes; then stops it by
    /// <paramref name="policy"/> on this thread, reads what it wrote until its pipes closed, and throws.
    /// Pipes still open a second after the child ended (another process holds them) end the reads, and a
    /// child that had ended before the timeout is not stopped: its capture returns.
    /// </summary>
    /// <param name="child">The child; disposed on return.</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed on return.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed on return.</param>
    /// <param name="timeout">The spec's timeout.</param>
    /// <param name="policy">The spec's stop policy; its cgroup is disposed on return.</param>
    /// <param name="job">The spec's command line, for the exception.</param>
    /// <returns>How the child ended and what it wrote, when it ended in time.</returns>
    /// <exception cref="JobStoppedException">The timeout passed: its <see cref="JobStoppedException.Result"/>
    /// is a <see cref="JobOutput"/> with what the child wrote.</exception>
    /// <exception cref="SpawnException">poll, read, the wait or a signal failed.</exception>
    public static CapturedOutput CaptureOrStop(PidFd child, int outputFd, int errorFd, TimeSpan timeout, SpecStopPolicy policy, string job)
    {
        ArgumentNullException.ThrowIfNull(child);
        using (child)
        using (SafeFileHandle output = new(outputFd, ownsHandle: true))
        using (SafeFileHandle error = new(errorFd, ownsHandle: true))
        using (policy.Cgroup)
        {
            bool? killed = null;
            CapturedOutput captured = OutputCapture.Collect(child, output, error, Deadline.After(timeout),
                () => killed = policy.TargetOf(child).Stop(policy.ToPolicy()));
            if (killed is not { } wasKilled)
                return captured;
            var result = new JobOutput(new JobResult([captured.Status], StopReason.Timeout, policy.Signal, wasKilled), captured.StandardOutput, captured.StandardError);
            throw Stopped(job, result, StopReason.Timeout, default);
        }
    }

    private static JobStoppedException Stopped(string job, JobResult result, StopReason reason, CancellationToken cancellationToken) =>
        new(job, result, reason == StopReason.Canceled ? cancellationToken : default);
}
