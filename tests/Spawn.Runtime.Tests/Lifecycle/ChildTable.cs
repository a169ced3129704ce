using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

/// <summary>What the tests with many children need of the process: enough descriptors.</summary>
internal static class ChildTable
{
    /// <summary>
    /// Makes sure <paramref name="count"/> descriptors can be open at once, raising the soft
    /// RLIMIT_NOFILE up to the hard one if needed; skips the test when even that is too low.
    /// </summary>
    public static unsafe void EnsureDescriptorLimit(int count)
    {
        LibC.RLimit limit;
        LibC.Check(LibC.GetRLimit(LibC.RLIMIT_NOFILE, &limit), "getrlimit");
        if (limit.Current >= (ulong)count)
            return;
        Skip.If(limit.Maximum < (ulong)count, $"RLIMIT_NOFILE's hard limit {limit.Maximum} is below the {count} descriptors this test needs");
        limit.Current = (ulong)count;
        LibC.Check(LibC.SetRLimit(LibC.RLIMIT_NOFILE, &limit), "setrlimit");
    }
}
