using System.ComponentModel;
using Spawn.Interop;
using Spawn.Sandboxing;

namespace Spawn.Specs.Support;

/// <summary>
/// What a generated <see cref="SpawnSpecAttribute"/> method with a <see cref="SandboxAttribute"/>
/// does with its <see cref="Sandbox"/>: count its steps, hold its Landlock ruleset open for the
/// spawn, copy its steps (encoded once, when the sandbox was compiled) after the method's own, and
/// hand out its environment; not meant to be called by hand. Nothing here allocates.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpecSandbox
{
    /// <summary>The sandbox the member <see cref="SandboxAttribute"/> names, checked for null.</summary>
    /// <param name="sandbox">The member's value, read once per call.</param>
    /// <param name="member">The member, as <c>Type.Member</c>, for the error.</param>
    /// <returns><paramref name="sandbox"/>.</returns>
    /// <exception cref="InvalidOperationException">The member holds null (not compiled yet).</exception>
    public static Sandbox Require(Sandbox? sandbox, string member) =>
        sandbox ?? throw new InvalidOperationException($"The sandbox {member} of a [Sandbox] spec is null: compile it (SandboxProfile.Compile) before the spec runs.");

    /// <summary>The number of native steps the sandbox adds to a spawn.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <returns>Its step count.</returns>
    public static int StepCount(Sandbox sandbox) => sandbox.Native.StepCount;

    /// <summary>Holds the sandbox's Landlock ruleset descriptor open until <see cref="Exit"/> (<c>SafeHandle.DangerousAddRef</c>).</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="added">Set when a reference was taken.</param>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed.</exception>
    public static void Enter(Sandbox sandbox, ref bool added) => sandbox.Enter(ref added);

    /// <summary>Copies the sandbox's native steps to <paramref name="destination"/>; the pointers in them
    /// (a chdir path, the seccomp program, the capability sets) point into the sandbox, which the caller holds.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="destination">Room for <see cref="StepCount"/> actions, after the method's own.</param>
    public static void CopySteps(Sandbox sandbox, NativeFileAction* destination)
    {
        SandboxNativeSteps native = sandbox.Native;
        new ReadOnlySpan<NativeFileAction>(native.Steps, native.StepCount).CopyTo(new Span<NativeFileAction>(destination, native.StepCount));
    }

    /// <summary>The sandbox's environment as a NULL-terminated envp (<see cref="Sandbox.Environment"/>, encoded once).</summary>
    /// <param name="sandbox">The sandbox; the array stays valid while it is reachable.</param>
    /// <returns>The array's address.</returns>
    public static byte** Environment(Sandbox sandbox) => sandbox.Native.Environment;

    /// <summary>Gives back what <see cref="Enter"/> took (<c>SafeHandle.DangerousRelease</c>).</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="added">What <see cref="Enter"/> set.</param>
    public static void Exit(Sandbox sandbox, bool added) => sandbox.Exit(added);
}
