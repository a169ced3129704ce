using System.Runtime.InteropServices;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>
/// The fork tests' own native calls: the counting <c>pthread_atfork</c> handlers of
/// <c>native/fork_test_helper.c</c>, and <c>waitid</c> with <c>__WALL</c> for a child whose exit
/// signal is not SIGCHLD (plain <c>WEXITED</c> does not see such a "clone child").
/// </summary>
internal static unsafe partial class ForkTestNative
{
    private const string Helper = "fork_test_helper";

    [LibraryImport(Helper, EntryPoint = "fork_test_register_atfork")]
    internal static partial int RegisterAtFork();

    [LibraryImport(Helper, EntryPoint = "fork_test_prepare_calls")]
    internal static partial int PrepareCalls();

    [LibraryImport(Helper, EntryPoint = "fork_test_parent_calls")]
    internal static partial int ParentCalls();

    /// <summary>Read in the child, so no GC transition; bound by <see cref="Marshal.Prelink"/> before the fork.</summary>
    [LibraryImport(Helper, EntryPoint = "fork_test_child_calls")]
    [SuppressGCTransition]
    internal static partial int ChildCalls();

    /// <summary>Reaps any child, clone child or not, through its pidfd; returns si_code and si_status.</summary>
    internal static (int Code, int Status) WaitAnyChild(int pidfd)
    {
        LibC.SigInfo info;
        while (LibC.WaitId(LibC.P_PIDFD, pidfd, &info, LibC.WEXITED | LibC.WALL) != 0)
        {
            if (Marshal.GetLastPInvokeError() != 4 /* EINTR */)
                throw new InvalidOperationException($"waitid: errno {Marshal.GetLastPInvokeError()}");
        }

        return (info.Code, info.Status);
    }
}
