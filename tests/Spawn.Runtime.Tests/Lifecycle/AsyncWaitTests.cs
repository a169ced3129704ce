using System.Diagnostics;
using System.Runtime.CompilerServices;
using Spawn.Lifecycle;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

public sealed class AsyncWaitTests : ReactorAwareTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitForExitAsync_returns_the_exit_code_and_reaps_the_child_once()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "7");
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        Assert.False(wait.IsCompleted);

        gate.Release();
        ExitStatus status = await wait.AsTask().WaitAsync(Patience);
        Assert.Equal(7, status.ExitCode);
        Assert.True(child.IsReaped);
        Assert.Equal(status, child.WaitForExit());
        Assert.Equal(status, await child.WaitForExitAsync());
    }

    [Fact]
    public async Task WaitForExitAsync_reports_the_signal_that_killed_the_child()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn();
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        child.SendSignal(Signals.SIGTERM);
        ExitStatus status = await wait.AsTask().WaitAsync(Patience);
        Assert.True(status.Signaled);
        Assert.Equal(Signals.SIGTERM, status.Signal);
    }

    [Fact]
    public async Task Cancelling_a_wait_leaves_the_child_running_and_waitable()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "4");
        using var cancellation = new CancellationTokenSource();
        ValueTask<ExitStatus> wait = child.WaitForExitAsync(cancellation.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
        Assert.False(child.HasExited);
        Assert.False(child.IsReaped);

        ValueTask<ExitStatus> again = child.WaitForExitAsync();
        gate.Release();
        Assert.Equal(4, (await again.AsTask().WaitAsync(Patience)).ExitCode);
    }

    [Fact]
    public async Task A_handle_disposed_during_a_wait_stays_open_until_the_wait_reaped_the_child()
    {
        int pendingBefore = ChildReaper.PendingCount;
        using var gate = new StdinGate();
        var child = gate.Spawn("exit", "8");
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        child.Dispose();
        gate.Release();

        Assert.Equal(8, (await wait.AsTask().WaitAsync(Patience)).ExitCode);
        Assert.True(child.IsReaped);
        Assert.Equal(pendingBefore, ChildReaper.PendingCount);
        Assert.DoesNotContain(child.Pid, ProcessResources.Zombies());
    }

    [Fact]
    public async Task A_token_cancelled_before_the_wait_cancels_it_at_once()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await child.WaitForExitAsync(new CancellationToken(canceled: true)));
        gate.Release();
        Assert.Equal(0, child.WaitForExit().ExitCode);
    }

    [Fact]
    public async Task A_child_that_already_exited_completes_the_wait_synchronously()
    {
        using var gate = new StdinGate();
        using var child = gate.Spawn("exit", "2");
        gate.Release();
        while (!child.HasExited)
            await Task.Delay(1);
        ValueTask<ExitStatus> wait = child.WaitForExitAsync();
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(2, (await wait).ExitCode);
    }

    [Fact]
    public async Task Waiting_allocates_nothing_per_wait_after_warm_up()
    {
        const int Children = 200;
        var children = new PidFd[Children];
        var waits = new ValueTask<ExitStatus>[Children];
        var statuses = new ExitStatus[Children];
        try
        {
            // The warm-up fills the pool of wait objects and grows the reactor's tables to this size.
            await SpawnAndAwaitAll(children, waits, statuses);
            // The count is the whole process's: work an earlier test left on the thread pool (a capture
            // decoding, a reaper) can land in one round, so the least of three rounds is what the waits cost.
            long allocated = long.MaxValue;
            for (int round = 0; round < 3 && allocated >= Children * 24L / 2; round++)
            {
                allocated = Math.Min(allocated, await SpawnAndAwaitAll(children, waits, statuses));
                Assert.All(statuses, status => Assert.Equal(0, status.ExitCode));
            }
            // A wait that allocated anything would allocate at least 24 bytes: 200 of them, 4800.
            Assert.True(allocated < Children * 24L / 2, $"{Children} waits allocated {allocated} bytes");
        }
        finally
        {
            foreach (var child in children)
                child?.Dispose();
        }
    }

    [Fact]
    public async Task No_thread_blocks_per_awaited_child()
    {
        const int Children = 100;
        using var gate = new StdinGate();
        var children = Enumerable.Range(0, Children).Select(_ => gate.Spawn()).ToArray();
        try
        {
            int threadsBefore = Process.GetCurrentProcess().Threads.Count;
            Task<ExitStatus>[] waits = children.Select(child => child.WaitForExitAsync().AsTask()).ToArray();
            await Task.Delay(100);
            int threadsWaiting = Process.GetCurrentProcess().Threads.Count;
            Assert.True(threadsWaiting < threadsBefore + 10, $"{threadsBefore} threads before, {threadsWaiting} while {Children} children were awaited");
            gate.Release();
            Assert.All(await Task.WhenAll(waits).WaitAsync(Patience), status => Assert.Equal(0, status.ExitCode));
        }
        finally
        {
            foreach (var child in children)
                child.Dispose();
        }
    }

    // Spawns (allocating) first, then returns the bytes allocated from the first wait until the
    // last one completed. The method's own box comes from the pooling builder after the warm-up.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<long> SpawnAndAwaitAll(PidFd[] children, ValueTask<ExitStatus>[] waits, ExitStatus[] statuses)
    {
        using var gate = new StdinGate();
        for (int i = 0; i < children.Length; i++)
        {
            children[i]?.Dispose();
            children[i] = gate.Spawn();
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < children.Length; i++)
            waits[i] = children[i].WaitForExitAsync();
        gate.Release();
        for (int i = 0; i < waits.Length; i++)
            statuses[i] = await waits[i].ConfigureAwait(false);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
