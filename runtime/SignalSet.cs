namespace Spawn;

/// <summary>
/// A set of signals 1-64, the <c>sigset_t</c> of <c>posix_spawnattr_setsigmask</c> and
/// <c>posix_spawnattr_setsigdefault</c>: bit (n - 1) of <see cref="Bits"/> stands for signal n, the
/// kernel's layout.
/// </summary>
public struct SignalSet : IEquatable<SignalSet>
{
    /// <summary>The set as the kernel's 64-bit mask.</summary>
    public ulong Bits { get; set; }

    /// <summary>No signal (<c>sigemptyset</c>).</summary>
    public static SignalSet Empty => default;

    /// <summary>Every signal 1-64 (<c>sigfillset</c>); the kernel never blocks SIGKILL and SIGSTOP.</summary>
    public static SignalSet All => new() { Bits = ulong.MaxValue };

    /// <summary>A set of the given signals.</summary>
    /// <param name="signals">Signal numbers, 1-64.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside 1-64.</exception>
    public static SignalSet Of(params ReadOnlySpan<int> signals)
    {
        SignalSet set = default;
        foreach (int signal in signals)
            set.Add(signal);
        return set;
    }

    /// <summary>Adds a signal (<c>sigaddset</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is outside 1-64.</exception>
    public void Add(int signal) => Bits |= Bit(signal);

    /// <summary>Removes a signal (<c>sigdelset</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is outside 1-64.</exception>
    public void Remove(int signal) => Bits &= ~Bit(signal);

    /// <summary>Whether the set holds the signal (<c>sigismember</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is outside 1-64.</exception>
    public readonly bool Contains(int signal) => (Bits & Bit(signal)) != 0;

    /// <inheritdoc/>
    public readonly bool Equals(SignalSet other) => Bits == other.Bits;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is SignalSet other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => Bits.GetHashCode();

    /// <summary>Same signals.</summary>
    public static bool operator ==(SignalSet left, SignalSet right) => left.Bits == right.Bits;

    /// <summary>Different signals.</summary>
    public static bool operator !=(SignalSet left, SignalSet right) => left.Bits != right.Bits;

    private static ulong Bit(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, 64);
        return 1UL << (signal - 1);
    }
}
