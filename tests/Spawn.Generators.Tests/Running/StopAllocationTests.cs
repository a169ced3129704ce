using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// What a stoppable spec allocates when its child ends in time: the synchronous <c>[Timeout]</c> form
/// holds its child as a <see cref="PidFd"/> (for the stop it may need), and its <c>poll</c> wait and the
/// release allocate nothing beyond it.
/// </summary>
public sealed class StopAllocationTests(ITestOutputHelper output)
{
    private const int WarmUp = 3;

    // The PidFd object's size on a 64-bit runtime, as ZeroAllocationTests states it for a PidFd return.
    private const long DocumentedPidFdSize = 56;

    [Fact]
    public void ExitStatus_with_a_timeout_allocates_only_the_handle_when_the_child_ends_in_time()
    {
        for (int i = 0; i < WarmUp; i++)
        {
            Assert.Equal(0, StopSpecs.TrueWithTimeout().ExitCode);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = StopSpecs.TrueWithTimeout();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"ExitStatus return with [Timeout]: {allocated} bytes per call");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(DocumentedPidFdSize, allocated);
    }
}
