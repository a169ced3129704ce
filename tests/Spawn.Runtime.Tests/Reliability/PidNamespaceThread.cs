using System.Globalization;
using System.Runtime.InteropServices;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Runs a body on a thread of its own after <c>unshare(CLONE_NEWPID)</c>: every process that thread
/// spawns is a child of this test process (so the test holds its pidfd) but lives in one new pid
/// namespace, whose pid 1 is the first one spawned. The thread ends with the body, so no other
/// thread of the test host ever spawns into the namespace. Such a thread cannot start threads
/// (clone refuses CLONE_THREAD there), which the body must not need.
/// </summary>
internal static class PidNamespaceThread
{
    /// <summary>Runs <paramref name="body"/> there and rethrows what it threw (a skip included).</summary>
    public static void Run(Action body)
    {
        Skip.If(LibC.GetEUid() != 0, "entering a new pid namespace needs root (CAP_SYS_ADMIN)");
        DedicatedThread.Run(() =>
        {
            if (LibC.Unshare(LibC.CLONE_NEWPID) != 0)
            {
                throw new SkipException($"unshare(CLONE_NEWPID) failed with errno {Marshal.GetLastPInvokeError()}");
            }

            body();
        });
    }

    /// <summary>The pid of process <paramref name="pid"/> (as this process sees it) inside its own, innermost pid namespace: the last NSpid field.</summary>
    public static int InnerPid(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
    }
}
