using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// What a stoppable spec allocates when its child ends in time: nothing. The synchronous
/// <c>[Timeout]</c> form keeps its child as a bare pidfd (a <see cref="PidFd"/> is made only for a
/// stop), and <c>[KillOnParentExit]</c> hands its spawn to the spawning thread in a request object
/// the calling thread keeps.
/// </summary>
public sealed class StopAllocationTests(ITestOutputHelper output)
{
    private const int WarmUp = 3;

    [Fact]
    public void ExitStatus_with_a_timeout_allocates_nothing_when_the_child_ends_in_time()
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
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ExitStatus_with_kill_on_parent_exit_allocates_nothing()
    {
        for (int i = 0; i < WarmUp; i++)
        {
            Assert.Equal(0, StopSpecs.TrueKilledWithParent().ExitCode);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = StopSpecs.TrueKilledWithParent();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"ExitStatus return with [KillOnParentExit]: {allocated} bytes per call");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, allocated);
    }
}
