namespace Spawn.Specs;

/// <summary>Attribute <c>POSIX_SPAWN_SETSIGDEF</c> (<c>posix_spawnattr_setsigdefault</c>): these signals go back to <c>SIG_DFL</c> in the child (handled signals are reset anyway; this also resets ignored ones).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DefaultSignalsAttribute : Attribute
{
    /// <summary>Resets <paramref name="signals"/> to their default action in the child.</summary>
    /// <param name="signals">Signal numbers, 1 to 64 (<see cref="Signals"/>).</param>
    public DefaultSignalsAttribute(params int[] signals) => Signals = signals;

    /// <summary>The signals reset to <c>SIG_DFL</c>.</summary>
    public IReadOnlyList<int> Signals { get; }
}
