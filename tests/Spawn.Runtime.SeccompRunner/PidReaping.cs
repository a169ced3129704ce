namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// Reaps a child of the runner by its pid, where a filter refuses the pidfd calls: waitid(P_PID)
/// made directly, not through the runtime under test, and the status read as the runtime reads it.
/// </summary>
internal static unsafe class PidReaping
{
    /// <summary>waitid(P_PID, pid, WEXITED): reaps a child of ours by its pid, retrying EINTR.</summary>
    internal static ExitStatus Reap(int pid)
    {
        LibC.SigInfo info;
        while (LibC.WaitId(LibC.P_PID, pid, &info, LibC.WEXITED) != 0)
        {
            Errno error = Errno.FromLastPInvokeError();
            if (error != Errno.EINTR)
                throw new InvalidOperationException($"waitid(P_PID, {pid}): {error}");
        }
        return ExitStatus.FromWaitid(info.Code, info.Status);
    }
}
