using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Commands;

/// <summary>
/// [KillOnParentExit] through a generated spec, as <see cref="KillOnParentExitTests"/> does through
/// <c>Command</c>: the spawn is handed to the runtime's spawning thread, so the thread that called
/// the spec may end without taking the child with it, where the raw [ParentDeathSignal] would.
/// </summary>
public sealed class SpecKillOnParentExitTests : LeakCheckedTest
{
    [Fact]
    public async Task A_child_started_from_a_thread_that_then_ends_keeps_running()
    {
        PidFd? started = null;
        DedicatedThread.Run(() => started = StopSpecs.SleepKilledWithProcess());
        using PidFd child = started!;
        Task<ExitStatus> exit = child.WaitForExitAsync().AsTask();
        bool ended = await Task.WhenAny(exit, Task.Delay(TimeSpan.FromSeconds(1))) == exit;

        Assert.False(ended, "the child died with the thread that started it");
        child.SendSignal(Signals.SIGKILL);
        Assert.Equal(Signals.SIGKILL, (await exit).Signal);
    }

    [Fact]
    public async Task A_child_started_from_the_thread_pool_keeps_running()
    {
        using PidFd child = await Task.Run(async () =>
        {
            await Task.Yield();
            return StopSpecs.SleepKilledWithProcess();
        });

        Task<ExitStatus> exit = child.WaitForExitAsync().AsTask();
        bool ended = await Task.WhenAny(exit, Task.Delay(TimeSpan.FromSeconds(1))) == exit;

        Assert.False(ended, "the child ended by itself");
        child.SendSignal(Signals.SIGKILL);
        await exit;
    }

    [Fact]
    public async Task The_raw_parent_death_signal_kills_the_child_when_its_thread_ends()
    {
        // The control: what [KillOnParentExit] avoids.
        PidFd? started = null;
        DedicatedThread.Run(() => started = StopSpecs.SleepKilledWithThread());
        using PidFd child = started!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        ExitStatus status = await child.WaitForExitAsync(deadline.Token);

        Assert.Equal(Signals.SIGKILL, status.Signal);
    }
}
