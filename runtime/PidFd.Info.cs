using Spawn.Interop;

namespace Spawn;

public sealed partial class PidFd
{
    /// <summary>
    /// Asks the kernel about the process: the <c>PIDFD_GET_INFO</c> ioctl (Linux 6.13+) with
    /// <c>PIDFD_INFO_PID | PIDFD_INFO_CREDS | PIDFD_INFO_CGROUPID | PIDFD_INFO_EXIT</c>. After the process was
    /// reaped (by anyone), only the exit status is left (Linux 6.15+). On kernels without the ioctl,
    /// the pid comes from <c>/proc/self/fdinfo</c> and nothing else is known.
    /// </summary>
    /// <exception cref="SpawnException">ESRCH: the process was reaped and the kernel kept no exit
    /// status (or it lives in a pid namespace the caller cannot see); EBADF: the handle is closed.</exception>
    public unsafe PidFdProcessInfo GetInfo()
    {
        bool added = false;
        DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle;
            var info = new PidFdInfo
            {
                Mask = PidFdInfo.PIDFD_INFO_PID | PidFdInfo.PIDFD_INFO_CREDS | PidFdInfo.PIDFD_INFO_CGROUPID | PidFdInfo.PIDFD_INFO_EXIT,
            };
            if (PidFdSyscalls.IoctlPidFdInfo(fd, PidFdSyscalls.PIDFD_GET_INFO, &info) < 0)
            {
                Errno error = Errno.FromLastPInvokeError();
                if (error != Errno.ENOTTY && error != Errno.EINVAL)
                    throw new SpawnException("ioctl PIDFD_GET_INFO", error);
                // A pidfd names a thread group leader, so the fallback's pid is the tgid as well.
                int pid = GetPid();
                return new PidFdProcessInfo { Pid = pid, ThreadGroupId = pid };
            }
            bool alive = (info.Mask & PidFdInfo.PIDFD_INFO_PID) != 0;
            bool credentials = (info.Mask & PidFdInfo.PIDFD_INFO_CREDS) != 0;
            return new PidFdProcessInfo
            {
                Pid = alive ? info.Pid : 0,
                ThreadGroupId = alive ? info.Tgid : 0,
                ParentPid = alive ? info.PPid : 0,
                HasCredentials = credentials,
                UserId = info.RUid,
                EffectiveUserId = info.EUid,
                SavedUserId = info.SUid,
                FileSystemUserId = info.FsUid,
                GroupId = info.RGid,
                EffectiveGroupId = info.EGid,
                SavedGroupId = info.SGid,
                FileSystemGroupId = info.FsGid,
                CgroupId = (info.Mask & PidFdInfo.PIDFD_INFO_CGROUPID) != 0 ? info.CgroupId : null,
                ExitStatus = (info.Mask & PidFdInfo.PIDFD_INFO_EXIT) != 0 ? Spawn.ExitStatus.FromWaitStatus(info.ExitCode) : null,
            };
        }
        finally
        {
            if (added)
                DangerousRelease();
        }
    }
}
