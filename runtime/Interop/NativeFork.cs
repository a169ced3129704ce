using System.Runtime.InteropServices;
using Spawn.Forking;

namespace Spawn.Interop;

/// <summary>
/// The entry points of <c>runtime/native/fork_core.h</c> and the structs they take. Every child-side
/// entry suppresses the GC transition: a forked child must not wait for a runtime suspension (there
/// is no thread left to end it), and <see cref="ForkPreparation"/> binds them all before the first fork.
/// </summary>
internal static unsafe partial class NativeFork
{
    private const string Library = "spawn_core";

    /// <summary><c>struct fork_core_options</c> (16 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Options
    {
        internal int AckTimeoutMilliseconds;
        internal int MaxAttempts;
        internal int KeepExecFd;
        internal int DeadlineMilliseconds;
    }

    /// <summary><c>struct fork_core_result</c> (40 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Result
    {
        internal int Pid;
        internal int Error;
        internal ForkStage Stage;
        internal int Attempts;
        internal int AckFd;
        internal int ExecFd;
        internal int Remapped;
        internal int Hung;
        internal int WatchPidFd;
        internal int Suspended;
    }

    /// <summary><c>enum fork_core_stage</c>.</summary>
    internal enum ForkStage
    {
        None = 0,
        Args = 1,
        Clone = 2,
        PidFd = 3,
        PrivateCode = 4,
        Ack = 5,
        Suspended = 6,
        Returning = 7,
        Deadline = 8,
    }

    /// <summary>fork_core_fork: a regular transition, so the parent lets garbage collections run while it
    /// waits, and its return waits for a suspension in progress to end (the retry of <see cref="ForkStage.Suspended"/>).</summary>
    [LibraryImport(Library, EntryPoint = "fork_core_fork")]
    internal static partial int Fork(ForkNpArgs* args, ulong size, Options* options, Result* result);

    [LibraryImport(Library, EntryPoint = "fork_core_child_ack")]
    [SuppressGCTransition]
    internal static partial int ChildAck(int ackFd);

    /// <summary>fork_core_watch_exec: blocks until the child execs or exits (0) or is killed at the deadline (1); -errno.</summary>
    [LibraryImport(Library, EntryPoint = "fork_core_watch_exec")]
    internal static partial int WatchExec(int execFd, int pidfd, int deadlineMilliseconds);

    [LibraryImport(Library, EntryPoint = "fork_core_suspension_probe_available")]
    internal static partial int SuspensionProbeAvailable();

    [LibraryImport(Library, EntryPoint = "fork_core_runtime_suspending")]
    internal static partial int RuntimeSuspending();

    [LibraryImport(Library, EntryPoint = "fork_core_count_shared_code_mappings")]
    internal static partial int CountSharedCodeMappings();

    [LibraryImport(Library, EntryPoint = "fork_child_execve")]
    [SuppressGCTransition]
    internal static partial int Execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Library, EntryPoint = "fork_child_execvpe")]
    [SuppressGCTransition]
    internal static partial int Execvpe(byte* file, byte** argv, byte** envp, byte* searchPath);

    [LibraryImport(Library, EntryPoint = "fork_child_exit")]
    [SuppressGCTransition]
    internal static partial void Exit(int status);

    [LibraryImport(Library, EntryPoint = "fork_child_dup2")]
    [SuppressGCTransition]
    internal static partial int Dup2(int fd, int newFd);

    [LibraryImport(Library, EntryPoint = "fork_child_dup3")]
    [SuppressGCTransition]
    internal static partial int Dup3(int fd, int newFd, int flags);

    [LibraryImport(Library, EntryPoint = "fork_child_close")]
    [SuppressGCTransition]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fork_child_close_from")]
    [SuppressGCTransition]
    internal static partial int CloseFrom(int lowFd);

    [LibraryImport(Library, EntryPoint = "fork_child_chdir")]
    [SuppressGCTransition]
    internal static partial int Chdir(byte* path);

    [LibraryImport(Library, EntryPoint = "fork_child_fchdir")]
    [SuppressGCTransition]
    internal static partial int Fchdir(int fd);

    [LibraryImport(Library, EntryPoint = "fork_child_setsid")]
    [SuppressGCTransition]
    internal static partial int SetSid();

    [LibraryImport(Library, EntryPoint = "fork_child_setpgid")]
    [SuppressGCTransition]
    internal static partial int SetPgid(int pid, int pgid);

    [LibraryImport(Library, EntryPoint = "fork_child_controlling_terminal")]
    [SuppressGCTransition]
    internal static partial int ControllingTerminal(int ttyFd, int descriptors);

    [LibraryImport(Library, EntryPoint = "fork_child_set_signal_mask")]
    [SuppressGCTransition]
    internal static partial int SetSignalMask(ulong mask);

    [LibraryImport(Library, EntryPoint = "fork_child_reset_signals")]
    [SuppressGCTransition]
    internal static partial int ResetSignals();

    [LibraryImport(Library, EntryPoint = "fork_child_prctl_pdeathsig")]
    [SuppressGCTransition]
    internal static partial int PrctlSetPdeathSig(int signal);

    [LibraryImport(Library, EntryPoint = "fork_child_prctl_no_new_privs")]
    [SuppressGCTransition]
    internal static partial int PrctlNoNewPrivs();

    [LibraryImport(Library, EntryPoint = "fork_child_prctl_name")]
    [SuppressGCTransition]
    internal static partial int PrctlSetName(byte* name);

    [LibraryImport(Library, EntryPoint = "fork_child_setrlimit")]
    [SuppressGCTransition]
    internal static partial int SetRlimit(int resource, ulong soft, ulong hard);

    [LibraryImport(Library, EntryPoint = "fork_child_umask")]
    [SuppressGCTransition]
    internal static partial int Umask(uint mask);

    [LibraryImport(Library, EntryPoint = "fork_child_setuid")]
    [SuppressGCTransition]
    internal static partial int SetUid(uint uid);

    [LibraryImport(Library, EntryPoint = "fork_child_setgid")]
    [SuppressGCTransition]
    internal static partial int SetGid(uint gid);

    [LibraryImport(Library, EntryPoint = "fork_child_setgroups")]
    [SuppressGCTransition]
    internal static partial int SetGroups(int count, uint* groups);

    [LibraryImport(Library, EntryPoint = "fork_child_chroot")]
    [SuppressGCTransition]
    internal static partial int Chroot(byte* path);

    [LibraryImport(Library, EntryPoint = "fork_child_unshare")]
    [SuppressGCTransition]
    internal static partial int Unshare(int flags);

    [LibraryImport(Library, EntryPoint = "fork_child_setns")]
    [SuppressGCTransition]
    internal static partial int SetNs(int fd, int nsType);

    [LibraryImport(Library, EntryPoint = "fork_child_write")]
    [SuppressGCTransition]
    internal static partial int Write(int fd, byte* buffer, int count);
}
