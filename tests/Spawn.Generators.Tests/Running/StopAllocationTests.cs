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

    private const int Measured = 5;

    // The bytes a call allocates on this thread, after the JIT and the one-time objects: the fewest
    // of several calls. A one-time cost can land in any of them: the first time a thread's wait
    // actually blocks (the [KillOnParentExit] hand-off, when the spawn outlasts the wait's spinning),
    // the wait allocates its own objects once (a ManualResetEventSlim's first blocking Wait on a
    // thread: 88 bytes, 0 after), and the warm-up calls may all have finished while spinning. A cost
    // paid on every call shows in every measurement.
    private long AllocatedPerCall(Func<ExitStatus> spec, string attribute)
    {
        for (int i = 0; i < WarmUp; i++)
        {
            Assert.Equal(0, spec().ExitCode);
        }

        var allocations = new long[Measured];
        for (int i = 0; i < Measured; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            ExitStatus status = spec();
            allocations[i] = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, status.ExitCode);
        }

        output.WriteLine($"ExitStatus return with {attribute}: {string.Join(", ", allocations)} bytes per call");
        return allocations.Min();
    }
}
