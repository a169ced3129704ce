using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn7.c</c> (and the signal parts of <c>tst-spawn.c</c>): the child
/// catches nothing, keeps the signals the parent ignores unless SETSIGDEF lists them, and starts
/// with the parent thread's mask or the SETSIGMASK one. The child reads its own /proc/self/status;
/// this test reads the parent's from /proc/thread-self/status.
/// </summary>
public sealed class SignalAttributeTests : LeakCheckedTest
{
    [Fact]
    public void Without_attributes_the_child_catches_nothing_and_keeps_ignored_signals_and_the_mask()
    {
        ProbeReport parent = ReadOwnSignalSets();

        ProbeReport child = ProbeChild.RunToSuccess(null, null, "signals");

        Assert.Equal(0UL, child.Mask("sigcgt"));
        Assert.Equal(parent.Mask("sigign"), child.Mask("sigign"));
        Assert.Equal(parent.Mask("sigblk"), child.Mask("sigblk"));
    }

    [SkippableFact]
    public void SetSigDef_resets_ignored_signals_to_the_default()
    {
        ulong ignored = ReadOwnSignalSets().Mask("sigign");
        Skip.If(ignored == 0, "this process ignores no signal, so there is none for SETSIGDEF to reset");
        int first = System.Numerics.BitOperations.TrailingZeroCount(ignored) + 1;
        using var attributes = new SpawnAttributes { DefaultSignals = SignalSet.Of(first) };

        ProbeReport child = ProbeChild.RunToSuccess(null, attributes, "signals");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetSignalDefault));
        Assert.Equal(ignored & ~(1UL << (first - 1)), child.Mask("sigign"));
    }

    [Fact]
    public void SetSigMask_gives_the_child_exactly_that_mask()
    {
        SignalSet mask = SignalSet.Of(Signals.SIGUSR1, Signals.SIGTERM, Signals.SIGRTMIN);
        using var attributes = new SpawnAttributes { SignalMask = mask };

        ProbeReport child = ProbeChild.RunToSuccess(null, attributes, "signals");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetSignalMask));
        Assert.Equal((1UL << 9) | (1UL << 14) | (1UL << 33), mask.Bits);
        Assert.Equal(mask.Bits, child.Mask("sigblk"));
    }

    [Fact]
    public void An_empty_SetSigMask_unblocks_everything()
    {
        using var attributes = new SpawnAttributes { SignalMask = SignalSet.Empty };

        ProbeReport child = ProbeChild.RunToSuccess(null, attributes, "signals");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetSignalMask));
        Assert.Equal(0UL, child.Mask("sigblk"));
    }

    /// <summary>The calling thread's sets, in the probe's format, so both sides parse alike.</summary>
    private static ProbeReport ReadOwnSignalSets()
    {
        var lines = File.ReadAllLines("/proc/thread-self/status")
            .Where(line => line.StartsWith("SigBlk:", StringComparison.Ordinal) || line.StartsWith("SigIgn:", StringComparison.Ordinal))
            .Select(line => line[..6].ToLowerInvariant() + " " + line[7..].Trim());
        return new ProbeReport(string.Join('\n', lines));
    }
}
