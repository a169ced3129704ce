using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// One spawn, as plain pointers and counts: <c>spawn_request</c> of <c>spawn_core.h</c>. Callers
/// (generated code, <see cref="Spawner"/>) build it and everything it points to on their stack.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeSpawnRequest
{
    /// <summary>NUL-terminated UTF-8 path, or the file name for a PATH search.</summary>
    public byte* Path;
    /// <summary>NULL-terminated array of NUL-terminated UTF-8 arguments.</summary>
    public byte** Argv;
    /// <summary>NULL-terminated array of <c>NAME=value</c> strings; null: this process's <c>environ</c>.</summary>
    public byte** Envp;
    /// <summary>File actions, applied in order in the child.</summary>
    public NativeFileAction* Actions;
    /// <summary>Attributes, or null for none.</summary>
    public NativeSpawnAttributes* Attributes;
    /// <summary>PATH for <see cref="NativeSpawnOptions.SearchPath"/>; null: <c>getenv("PATH")</c>, else <c>/bin:/usr/bin</c>.</summary>
    public byte* SearchPath;
    /// <summary>Number of entries at <see cref="Actions"/>.</summary>
    public int ActionCount;
    /// <summary>What to do: <see cref="NativeSpawnOptions"/>.</summary>
    public NativeSpawnOptions Options;
}

/// <summary><c>enum spawn_options</c> of <c>spawn_core.h</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Flags]
public enum NativeSpawnOptions : uint
{
    /// <summary>Exec <see cref="NativeSpawnRequest.Path"/> as given.</summary>
    None = 0,
    /// <summary>The <c>p</c> variants: search PATH for a name without a slash (execvpe's rules, no shell on ENOEXEC).</summary>
    SearchPath = 0x1,
    /// <summary><c>pidfd_spawn</c>: hand the pidfd to the caller instead of closing it.</summary>
    ReturnPidFd = 0x2,
}

/// <summary>One file action: <c>spawn_file_action</c> of <c>spawn_core.h</c> (32 bytes).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeFileAction
{
    /// <summary>What the action does.</summary>
    public SpawnFileActionKind Kind;
    /// <summary>The target descriptor (open, close, dup2's new fd, fchdir, closefrom's low fd, tcsetpgrp, setns).</summary>
    public int Fd;
    /// <summary>dup2's source descriptor.</summary>
    public int SourceFd;
    /// <summary>open's flags (<c>O_*</c>); setns's namespace type, unshare's flags, setgroups' count,
    /// setrlimit's resource, the parent-death signal.</summary>
    public int OpenFlags;
    /// <summary>open's mode; the uid, gid or umask.</summary>
    public uint Mode;
    private readonly int _reserved;
    /// <summary>NUL-terminated UTF-8 path for open, chdir and chroot; setgroups' <c>gid_t</c>
    /// array; setrlimit's soft and hard limits (two <c>ulong</c>).</summary>
    public byte* Path;
}

/// <summary><c>spawn_attributes</c> of <c>spawn_core.h</c> (40 bytes), the <c>posix_spawnattr_t</c> of the glibc patch set.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public struct NativeSpawnAttributes
{
    /// <summary>Which attributes apply: <see cref="SpawnFlags"/>.</summary>
    public SpawnFlags Flags;
    /// <summary>SETPGROUP's process group (0: the child's own pid).</summary>
    public int ProcessGroup;
    /// <summary>SETSIGDEF: bit (n - 1) resets signal n to SIG_DFL.</summary>
    public ulong SignalDefault;
    /// <summary>SETSIGMASK: bit (n - 1) blocks signal n.</summary>
    public ulong SignalMask;
    /// <summary>SETSCHEDULER's policy.</summary>
    public int SchedulerPolicy;
    /// <summary>SETSCHEDPARAM / SETSCHEDULER's priority.</summary>
    public int SchedulerPriority;
    /// <summary>SETCGROUP: a descriptor of a cgroup2 folder; one that is not open (or -1) fails the spawn with EBADF.</summary>
    public int CgroupFd;
    private readonly int _reserved;
}

/// <summary><c>spawn_result</c> of <c>spawn_core.h</c>: what happened.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public struct NativeSpawnResult
{
    /// <summary>The child's pid, or -1.</summary>
    public int Pid;
    /// <summary>The child's pidfd (O_CLOEXEC) when <see cref="NativeSpawnOptions.ReturnPidFd"/> was asked and it worked, else -1.</summary>
    public int PidFd;
    /// <summary>errno, 0 on success.</summary>
    public int Error;
    /// <summary>Where it failed.</summary>
    public SpawnStage Stage;
    /// <summary>The index of the failing file action, or -1.</summary>
    public int ActionIndex;
    /// <summary>Why a clone-stage error happened where the errno alone would not say.</summary>
    public SpawnErrorDetail Detail;
}
