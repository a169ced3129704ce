namespace Spawn.Specs;

/// <summary>Attribute <c>POSIX_SPAWN_SETSIGMASK</c> (<c>posix_spawnattr_setsigmask</c>): the child starts with exactly these signals blocked.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SignalMaskAttribute : Attribute
{
    /// <summary>Blocks <paramref name="signals"/> in the child (none: an empty mask).</summary>
    /// <param name="signals">Signal numbers, 1 to 64 (<see cref="Signals"/>).</param>
    public SignalMaskAttribute(params int[] signals) => Signals = signals;

    /// <summary>The blocked signals.</summary>
    public IReadOnlyList<int> Signals { get; }
}
