namespace Spawn.Specs;

/// <summary>
/// The child dies (SIGKILL) when this process ends, as <see cref="Commands.Job.KillOnParentExit"/>:
/// a first child step <c>prctl(PR_SET_PDEATHSIG, SIGKILL)</c>, followed by the C core's check that
/// <c>getppid()</c> is still the spawner, and the spawn itself handed to the runtime's one long-lived
/// spawning thread. <c>PR_SET_PDEATHSIG</c> fires when the <em>thread</em> that spawned the child
/// ends, and the thread pool retires idle threads: the raw <see cref="ParentDeathSignalAttribute"/>
/// called from async code can kill the child while this process runs on (SPAWN0044).
/// </summary>
/// <remarks>Errors: those of the spawn (a <see cref="SpawnException"/>), thrown on the calling thread.
/// The hand-over allocates (a request and its event) and adds a thread switch to each spawn.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KillOnParentExitAttribute : Attribute
{
}
