namespace Spawn.Sandboxing;

/// <summary>
/// A compiled <see cref="SandboxProfile"/>: the child steps (with the seccomp program as bytes and
/// the Landlock ruleset open in this process) ready to add to spawns. Compile a constant profile
/// once (a <c>static readonly</c> field) and every spawn through it allocates nothing for the
/// sandbox: the steps and their bytes are shared, copied only into the spawn's stack buffer.
/// </summary>
/// <remarks>
/// The ruleset descriptor is close-on-exec and is closed by <see cref="Dispose"/>. <see cref="Spawn"/>
/// holds it open while it runs and throws <see cref="ObjectDisposedException"/> afterwards; a
/// <see cref="SpawnFileActions"/> built with <see cref="AppendTo"/> and passed to <see cref="Spawner"/>
/// directly must not outlive the sandbox (its Landlock step would name a closed descriptor).
/// A <see cref="Specs.SpawnSpecAttribute"/> method runs its child in a sandbox kept in a static
/// field or property named by <see cref="Specs.SandboxAttribute"/>, with the same guarantee.
/// </remarks>
public sealed class Sandbox : IDisposable
{
    private readonly SpawnFileActions _steps;
    private readonly LandlockRuleset? _ruleset;
    private readonly string[] _environment;

    internal Sandbox(SpawnFileActions steps, LandlockRuleset? ruleset, string[] environment)
    {
        _steps = steps;
        _ruleset = ruleset;
        _environment = environment;
        Native = new SandboxNativeSteps(steps, environment);
        Landlock = ruleset?.Enforcement ?? new LandlockEnforcement(0, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>What the Landlock step enforces and what it dropped; an ABI of 0 when the profile has no Landlock rules.</summary>
    public LandlockEnforcement Landlock { get; }

    /// <summary>The child's environment (<see cref="SandboxProfile.Environment"/>): pass it as envp.</summary>
    public IReadOnlyList<string> Environment => _environment;

    /// <summary>The sandbox's steps alone, for a spawn with no file actions of its own. Do not add to it.</summary>
    public SpawnFileActions Steps => _steps;

    /// <summary>The steps and environment encoded for the C core, for generated spec methods (<see cref="Specs.Support.SpecSandbox"/>).</summary>
    internal SandboxNativeSteps Native { get; }

    /// <summary>
    /// Appends the sandbox's steps to <paramref name="actions"/>, after the caller's (redirections
    /// first: the steps end with closefrom(3) and the seccomp filter). Build it once and reuse it.
    /// </summary>
    /// <returns><paramref name="actions"/>.</returns>
    public SpawnFileActions AppendTo(SpawnFileActions actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions.AddAll(_steps);
    }

    /// <summary>
    /// <see cref="Spawner.PidFdSpawn"/> of <paramref name="path"/> in the sandbox, with its
    /// environment. <paramref name="actions"/> are the caller's actions with the sandbox's steps
    /// already appended (<see cref="AppendTo"/>), or null for the steps alone.
    /// </summary>
    /// <exception cref="SpawnException">A step failed in the child: the exception names it
    /// (<see cref="SpawnException.ActionKind"/>, e.g. <see cref="SpawnFileActionKind.Landlock"/>) and its errno.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed.</exception>
    public PidFd Spawn(string path, IReadOnlyList<string> argv, SpawnFileActions? actions = null, SpawnAttributes? attributes = null)
    {
        bool added = false;
        try
        {
            Enter(ref added);
            return Spawner.PidFdSpawn(path, actions ?? _steps, attributes, argv, _environment);
        }
        finally
        {
            Exit(added);
        }
    }

    /// <summary>
    /// Holds the ruleset descriptor open for a spawn: it must stay open until the child has
    /// restricted itself, even if another thread disposes the sandbox meanwhile.
    /// </summary>
    /// <param name="added">Set when a reference was taken; pass it to <see cref="Exit"/>.</param>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed.</exception>
    internal void Enter(ref bool added) => _ruleset?.Handle.DangerousAddRef(ref added);

    /// <summary>Gives back what <see cref="Enter"/> took.</summary>
    internal void Exit(bool added)
    {
        if (added)
            _ruleset!.Handle.DangerousRelease();
    }

    /// <summary>Closes the Landlock ruleset descriptor.</summary>
    public void Dispose() => _ruleset?.Dispose();
}
