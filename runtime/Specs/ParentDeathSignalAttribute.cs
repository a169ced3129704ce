namespace Spawn.Specs;

/// <summary>
/// Child step <c>prctl(PR_SET_PDEATHSIG, signal)</c>: the kernel sends the child
/// <see cref="Signal"/> when the <em>thread</em> that spawned it exits (not the process): spawn
/// from a long-lived thread. Applied in declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EINVAL
/// (not a signal number).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ParentDeathSignalAttribute : Attribute
{
    /// <summary>Sends <paramref name="signal"/> to the child when its spawning thread exits.</summary>
    /// <param name="signal">A signal number, 1 to 64 (<see cref="Signals"/>).</param>
    public ParentDeathSignalAttribute(int signal) => Signal = signal;

    /// <summary>The signal number.</summary>
    public int Signal { get; }
}
