using System.Runtime.InteropServices;
using Spawn.Forking;

namespace Spawn.Interop;

/// <summary>
/// The entry points of <c>runtime/native/fork_core.h</c> and the structs they take. The child's side
/// is <see cref="ForkChildToolkit"/>, a table of function pointers that <see cref="ForkPreparation"/>
/// takes before the first fork.
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

    /// <summary>fork_core_watch_exec: blocks until the child execs or exits (0) or is killed at the deadline (1); -errno.</summary>
    [LibraryImport(Library, EntryPoint = "fork_core_watch_exec")]
    internal static partial int WatchExec(int execFd, int pidfd, int deadlineMilliseconds);

    [LibraryImport(Library, EntryPoint = "fork_core_suspension_probe_available")]
    internal static partial int SuspensionProbeAvailable();

    [LibraryImport(Library, EntryPoint = "fork_core_runtime_suspending")]
    internal static partial int RuntimeSuspending();

    [LibraryImport(Library, EntryPoint = "fork_core_count_shared_code_mappings")]
    internal static partial int CountSharedCodeMappings();

    /// <summary>
    /// The child toolkit's table (the acknowledgement, <c>_exit</c>, exec and the steps of
    /// <see cref="ForkChild"/>): one entry point to bind, where binding each system call as a P/Invoke
    /// of its own would cost a transition into the runtime per entry, which under garbage collection
    /// pressure waits for a collection to end. The child calls this too, instead of reading the table
    /// from a static field: code compiled before the field's class was initialized reads a static
    /// through a runtime helper, and that helper's first call would then be in the child. A P/Invoke
    /// bound before the fork (its first call, made by <see cref="ForkPreparation"/>) is a plain
    /// indirect call.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fork_child_toolkit")]
    [SuppressGCTransition]
    internal static partial ForkChildToolkit* ChildToolkit();
}
