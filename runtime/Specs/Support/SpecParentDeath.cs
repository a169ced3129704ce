using System.ComponentModel;
using Spawn.Commands;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Specs.Support;

/// <summary>
/// The spawn of a generated <see cref="SpawnSpecAttribute"/> method with
/// <see cref="KillOnParentExitAttribute"/>, handed to the runtime's one long-lived spawning thread
/// (the one <see cref="Job.KillOnParentExit"/> uses), because <c>PR_SET_PDEATHSIG</c> fires when the
/// spawning <em>thread</em> ends; not meant to be called by hand.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpecParentDeath
{
    /// <summary>
    /// <see cref="SpawnCore.Spawn"/> on the spawning thread; the caller waits for it, so the request and
    /// everything it points to (on the caller's stack) stay valid. Allocates nothing after a calling
    /// thread's first call (the thread keeps its request object).
    /// </summary>
    /// <param name="request">The spawn.</param>
    /// <param name="result">Receives the pid, the pidfd or the errno, stage and file-action index.</param>
    /// <returns>0, or the errno (also in <c>result->Error</c>).</returns>
    public static int Spawn(NativeSpawnRequest* request, NativeSpawnResult* result) => ParentDeathSpawnThread.Spawn(request, result);
}
