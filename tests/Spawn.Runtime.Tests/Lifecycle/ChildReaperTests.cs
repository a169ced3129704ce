using Spawn.Lifecycle;
using Spawn.Runtime.Tests.Infrastructure;
namespace Spawn.Runtime.Tests.Lifecycle;

public sealed class ChildReaperTests : ReactorAwareTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_child_disposed_while_running_is_reaped_when_it_exits_later()
    {
        int pendingBefore = ChildReaper.PendingCount;
        int pid;
        using (var gate = new StdinGate())
        {
            using (var child = gate.Spawn())
                pid = child.Pid;
            Assert.Equal(pendingBefore + 1, ChildReaper.PendingCount);
            Assert.DoesNotContain(ProcessState(pid), new[] { "Z", "gone" });
        }

        await WaitUntil(() => ChildReaper.PendingCount == pendingBefore);
        Assert.DoesNotContain(pid, ProcessResources.Zombies());
    }

    [Fact]
    public async Task KillOnDispose_kills_the_child_before_the_reaper_reaps_it()
    {
        int pendingBefore = ChildReaper.PendingCount;
        using var gate = new StdinGate();
        int pid;
        using (var child = gate.Spawn())
        {
            pid = child.Pid;
            child.KillOnDispose = true;
        }

        // The gate stays shut: only the kill lets the child end.
        await WaitUntil(() => ChildReaper.PendingCount == pendingBefore);
        Assert.Equal("gone", ProcessState(pid));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the reaper did not reap the child");
            await Task.Delay(5);
        }
    }

    private static string ProcessState(int pid) => Infrastructure.ProcessResources.ChildState(pid);
}
