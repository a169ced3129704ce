using System.Diagnostics;
using Spawn.Lifecycle;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

public sealed class ManyChildrenTests : ReactorAwareTest
{
    private const int Children = 10_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Ten_thousand_children_alive_at_once_are_all_awaited_by_one_reactor()
    {
        // One pidfd per child plus the runner's own descriptors.
        ChildTable.EnsureDescriptorLimit(Children + 1024);
        using var gate = new StdinGate();
        var children = new PidFd[Children];
        try
        {
            SpawnAll(i => children[i] = gate.Spawn("exit", "3"));
            Task<ExitStatus>[] waits = children.Select(child => child.WaitForExitAsync().AsTask()).ToArray();
            Assert.DoesNotContain(waits, wait => wait.IsCompleted);
            Assert.True(Process.GetCurrentProcess().Threads.Count < 200, "a thread per child?");

            gate.Release();
            ExitStatus[] statuses = await Task.WhenAll(waits).WaitAsync(Patience);
            Assert.All(statuses, status => Assert.Equal(3, status.ExitCode));
            Assert.All(children, child => Assert.True(child.IsReaped));
        }
        finally
        {
            gate.Release();
            foreach (var child in children)
                child?.Dispose();
        }
    }

    [SkippableFact]
    public async Task Ten_thousand_children_disposed_without_a_wait_leave_no_zombie()
    {
        ChildTable.EnsureDescriptorLimit(Children + 1024);
        int pendingBefore = ChildReaper.PendingCount;
        using (var gate = new StdinGate())
        {
            SpawnAll(_ => gate.Spawn().Dispose());
            Assert.Equal(pendingBefore + Children, ChildReaper.PendingCount);
        }

        var deadline = DateTime.UtcNow + Patience;
        while (ChildReaper.PendingCount > pendingBefore && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(pendingBefore, ChildReaper.PendingCount);
        Assert.Empty(ProcessResources.Zombies());
    }

    // One spawner per core: a spawn blocks only its own thread, until the child execs.
    private static void SpawnAll(Action<int> spawn) =>
        Parallel.For(0, Children, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, spawn);
}
