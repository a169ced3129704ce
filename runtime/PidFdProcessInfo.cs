namespace Spawn;

/// <summary>
/// What the kernel tells about the process behind a pidfd (<c>struct pidfd_info</c> of the
/// <c>PIDFD_GET_INFO</c> ioctl), as <see cref="PidFd.GetInfo"/> returns it.
/// </summary>
public readonly record struct PidFdProcessInfo
{
    /// <summary>The pid in the caller's pid namespace.</summary>
    public int Pid { get; init; }

    /// <summary>The thread group id (the pid of the thread group leader).</summary>
    public int ThreadGroupId { get; init; }

    /// <summary>The parent's pid; 0 from the <c>/proc/self/fdinfo</c> fallback, which does not give it.</summary>
    public int ParentPid { get; init; }

    /// <summary>Whether the user and group ids below were given (always with the ioctl, never from the fallback).</summary>
    public bool HasCredentials { get; init; }

    /// <summary>The real user id.</summary>
    public uint UserId { get; init; }

    /// <summary>The effective user id.</summary>
    public uint EffectiveUserId { get; init; }

    /// <summary>The saved set-user-id.</summary>
    public uint SavedUserId { get; init; }

    /// <summary>The file-system user id.</summary>
    public uint FileSystemUserId { get; init; }

    /// <summary>The real group id.</summary>
    public uint GroupId { get; init; }

    /// <summary>The effective group id.</summary>
    public uint EffectiveGroupId { get; init; }

    /// <summary>The saved set-group-id.</summary>
    public uint SavedGroupId { get; init; }

    /// <summary>The file-system group id.</summary>
    public uint FileSystemGroupId { get; init; }

    /// <summary>The id of the process's cgroup2 cgroup (the inode number of its folder), or null when not given.</summary>
    public ulong? CgroupId { get; init; }

    /// <summary>How the process ended, once it was reaped (by anyone; Linux 6.15+), else null.</summary>
    public ExitStatus? ExitStatus { get; init; }
}
