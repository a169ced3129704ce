using System.ComponentModel;
using Spawn.Commands;
using Spawn.Interop;
using Spawn.Lifecycle;
using Spawn.LowLevel;

namespace Spawn.Specs.Support;

/// <summary>
/// What a generated <see cref="PipeAttribute"/> pipeline does around its stages' spawns: close this
/// process's ends of the links, name a failing stage, kill and reap the stages already started, wait
/// for them all; not meant to be called by hand. Every descriptor is an <see cref="int"/> in a span
/// on the caller's stack, -1 when not open (or no longer), so nothing here allocates on success.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecPipeline
{
    /// <summary><c>close</c> of every descriptor that is not -1, each then set to -1.</summary>
    /// <param name="descriptors">The links' ends (or pidfds); errors of <c>close</c> are ignored, the
    /// descriptor is released either way on Linux.</param>
    public static void CloseAll(Span<int> descriptors)
    {
        for (int i = 0; i < descriptors.Length; i++)
        {
            if (descriptors[i] >= 0)
            {
                SpawnCore.Close(descriptors[i]);
                descriptors[i] = -1;
            }
        }
    }

    /// <summary>
    /// After a stage failed to spawn: <c>pidfd_send_signal(SIGKILL)</c> to every stage already started,
    /// <c>waitid(P_PIDFD)</c> to reap it, and <c>close</c> of its pidfd (each then set to -1), so that
    /// no child and no descriptor is left behind.
    /// </summary>
    /// <param name="pidfds">The stages' pidfds, -1 for those not started.</param>
    public static void KillAndReap(Span<int> pidfds)
    {
        for (int i = 0; i < pidfds.Length; i++)
        {
            if (pidfds[i] >= 0)
            {
                // ESRCH (already exited) is fine: the wait reaps it either way.
                _ = PidFdSyscalls.PidFdSendSignal(pidfds[i], Signals.SIGKILL);
                _ = ChildWait.Wait(pidfds[i], blocking: true, out _, out _);
                SpawnCore.Close(pidfds[i]);
                pidfds[i] = -1;
            }
        }
    }

    /// <summary>The spawn error of stage <paramref name="stage"/>, its operation naming the stage as
    /// <c>Spawn.Commands.Pipeline</c>'s do: <c>"pipeline stage 2 of 3: exec"</c>.</summary>
    /// <param name="error">The stage's <see cref="SpawnException"/> (exec's ENOENT, a file action's errno, ...).</param>
    /// <param name="stage">The stage, from 1.</param>
    /// <param name="count">The number of stages.</param>
    public static SpawnException NameStage(SpawnException error, int stage, int count)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.InPipelineStage(stage, count);
    }

    /// <summary>
    /// Waits for every stage in order (<c>waitid(P_PIDFD, WEXITED)</c>), closes each pidfd, and returns
    /// the <c>pipefail</c> status: the last stage that did not succeed, else the last one's. Allocates nothing.
    /// </summary>
    /// <param name="pidfds">Every stage's pidfd; all closed and set to -1 on return, whatever happens.</param>
    /// <exception cref="SpawnException">waitid failed (ECHILD); the stages not yet reaped were killed and reaped.</exception>
    public static ExitStatus WaitForPipeFail(Span<int> pidfds)
    {
        Span<ExitStatus> statuses = stackalloc ExitStatus[pidfds.Length];
        ReapAll(pidfds, statuses);
        return JobResult.PipeFail(statuses);
    }

    /// <summary>
    /// Waits for every stage in order (<c>waitid(P_PIDFD, WEXITED)</c>), closes each pidfd, and returns
    /// every stage's status. Allocates nothing.
    /// </summary>
    /// <param name="pidfds">Every stage's pidfd (at most <see cref="PipelineStatus.MaxStages"/>); all closed
    /// and set to -1 on return, whatever happens.</param>
    /// <exception cref="SpawnException">waitid failed (ECHILD); the stages not yet reaped were killed and reaped.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="PipelineStatus.MaxStages"/> stages (they are reaped first).</exception>
    public static PipelineStatus WaitForAll(Span<int> pidfds)
    {
        Span<ExitStatus> statuses = stackalloc ExitStatus[pidfds.Length];
        ReapAll(pidfds, statuses);
        return new PipelineStatus(statuses);
    }

    private static void ReapAll(Span<int> pidfds, Span<ExitStatus> statuses)
    {
        try
        {
            for (int i = 0; i < pidfds.Length; i++)
                statuses[i] = Reap(ref pidfds[i]);
        }
        finally
        {
            KillAndReap(pidfds);
        }
    }

    private static ExitStatus Reap(ref int pidfd)
    {
        ExitStatus status = SpawnCore.WaitForExit(pidfd);
        SpawnCore.Close(pidfd);
        pidfd = -1;
        return status;
    }
}
