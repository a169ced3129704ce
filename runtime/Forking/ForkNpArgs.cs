using System.Runtime.InteropServices;

namespace Spawn.Forking;

/// <summary>
/// The glibc patch set's <c>fork_np_args_t</c>: what <see cref="Fork.ForkNp(ref ForkNpArgs)"/> is asked for and
/// the pidfd it gives back. Laid out as <c>struct fork_np_args</c> of
/// <c>runtime/native/fork_core.h</c> (16 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ForkNpArgs
{
    /// <summary>The <c>FORK_NP_*</c> flags.</summary>
    public ForkNpFlags Flags;

    /// <summary>With <see cref="ForkNpFlags.Cgroup"/>: a descriptor of a cgroup2 folder
    /// (for example <c>Cgroup.Handle</c>), opened <c>O_RDONLY | O_DIRECTORY</c>.</summary>
    public int CgroupFd;

    /// <summary>With <see cref="ForkNpFlags.ExitSignal"/>: the signal the parent gets when the child
    /// ends, 0 to 64; 0 means none.</summary>
    public int ExitSignal;

    /// <summary>Out, with <see cref="ForkNpFlags.PidFd"/>: the child's pidfd (<c>O_CLOEXEC</c>), owned by
    /// the caller (wrap it with <see cref="Spawn.PidFd.FromRaw"/>); -1 otherwise and in the child.</summary>
    public int PidFd;
}
