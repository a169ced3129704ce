using Spawn.Interop;

namespace Spawn.Interop;

/// <summary>
/// The <c>PIDFD_GET_INFO</c> ioctl (Linux 6.13+): a pidfd's pid in one call, and (6.15+) the exit
/// status even after someone else reaped the process. Whether the kernel has it is learnt from the
/// first answer and cached.
/// </summary>
internal static unsafe class PidFdGetInfo
{
    private const int Present = 1, Missing = 2; // 0: not asked yet
    private static int s_state;

    /// <summary>
    /// The pid, or the errno: ESRCH when the process was reaped or lives in a pid namespace the
    /// caller cannot see (the kernel does not tell which), ENOTTY when the kernel lacks the ioctl.
    /// Call only on a descriptor known to be a pidfd: an unknown ioctl on another kind of file is
    /// not guaranteed to be harmless.
    /// </summary>
    internal static Errno TryGetPid(int pidfd, out int pid)
    {
        pid = 0;
        if (Volatile.Read(ref s_state) == Missing)
            return Errno.ENOTTY;
        PidFdInfo info = new() { Mask = PidFdInfo.PIDFD_INFO_PID };
        Errno error = Call(pidfd, ref info);
        if (error.Value == 0)
            pid = info.Pid;
        return error;
    }

    /// <summary>The exit status the kernel kept for an exited process (<c>PIDFD_INFO_EXIT</c>, 6.15+).</summary>
    internal static bool TryGetExitStatus(int pidfd, out ExitStatus status)
    {
        status = default;
        if (Volatile.Read(ref s_state) == Missing)
            return false;
        PidFdInfo info = new() { Mask = PidFdInfo.PIDFD_INFO_EXIT };
        if (Call(pidfd, ref info).Value != 0 || (info.Mask & PidFdInfo.PIDFD_INFO_EXIT) == 0)
            return false;
        status = ExitStatus.FromWaitStatus(info.ExitCode);
        return true;
    }

    private static Errno Call(int pidfd, ref PidFdInfo info)
    {
        fixed (PidFdInfo* pointer = &info)
        {
            if (PidFdSyscalls.IoctlPidFdInfo(pidfd, PidFdSyscalls.PIDFD_GET_INFO, pointer) == 0)
            {
                Volatile.Write(ref s_state, Present);
                return default;
            }
        }
        Errno error = Errno.FromLastPInvokeError();
        // Kernels before 6.13 answer ENOTTY (pidfs without the ioctl) or EINVAL (anon-inode pidfds);
        // a seccomp filter that hides the ioctl answers ENOSYS or EPERM, which PIDFD_GET_INFO itself never gives.
        if ((error == Errno.ENOTTY || error == Errno.EINVAL || error == Errno.ENOSYS || error == Errno.EPERM) &&
            Volatile.Read(ref s_state) != Present)
        {
            Volatile.Write(ref s_state, Missing);
            return Errno.ENOTTY;
        }
        return error;
    }
}
