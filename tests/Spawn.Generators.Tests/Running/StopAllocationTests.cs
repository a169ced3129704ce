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
    public void ExitStatus_with_a_timeout_allocates_nothing_when_the_child_ends_in_time() =>
        Assert.Equal(0, AllocatedPerCall(StopSpecs.TrueWithTimeout, "[Timeout]"));

    [Fact]
    public void ExitStatus_with_kill_on_parent_exit_allocates_nothing() =>
        Assert.Equal(0, AllocatedPerCall(StopSpecs.TrueKilledWithParent, "[KillOnParentExit]"));

    // The bytes one call allocates on this thread, after the JIT and the first call's one-time objects.
    private long AllocatedPerCall(Func<ExitStatus> spec, string attribute)
    {
        for (int i = 0; i < WarmUp; i++)
        {
            Assert.Equal(0, spec().ExitCode);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = spec();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"ExitStatus return with {attribute}: {allocated} bytes per call");
        Assert.Equal(0, status.ExitCode);
        return allocated;
    }
}
