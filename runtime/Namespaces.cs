namespace Spawn;

/// <summary>
/// The <c>CLONE_NEW*</c> namespace types of <c>linux/sched.h</c>, for <c>setns</c> and <c>unshare</c>
/// (<see cref="SpawnFileActions.AddSetNs"/>, <see cref="SpawnFileActions.AddUnshare"/>,
/// <see cref="Forking.ForkChild.SetNs"/>, <see cref="Forking.ForkChild.Unshare"/>).
/// </summary>
public static class Namespaces
{
    /// <summary><c>CLONE_NEWTIME</c> (5.6): clocks.</summary>
    public const int CLONE_NEWTIME = 0x00000080;
    /// <summary><c>CLONE_NEWNS</c>: mounts.</summary>
    public const int CLONE_NEWNS = 0x00020000;
    /// <summary><c>CLONE_NEWCGROUP</c> (4.6): the cgroup root.</summary>
    public const int CLONE_NEWCGROUP = 0x02000000;
    /// <summary><c>CLONE_NEWUTS</c>: host and domain name.</summary>
    public const int CLONE_NEWUTS = 0x04000000;
    /// <summary><c>CLONE_NEWIPC</c>: System V IPC and POSIX message queues.</summary>
    public const int CLONE_NEWIPC = 0x08000000;
    /// <summary><c>CLONE_NEWUSER</c>: user and group ids, capabilities.</summary>
    public const int CLONE_NEWUSER = 0x10000000;
    /// <summary><c>CLONE_NEWPID</c>: process ids (for the children of the caller).</summary>
    public const int CLONE_NEWPID = 0x20000000;
    /// <summary><c>CLONE_NEWNET</c>: network devices, addresses, ports.</summary>
    public const int CLONE_NEWNET = 0x40000000;
}
