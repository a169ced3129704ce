using Spawn.Lifecycle;
namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// Base of every test class that spawns: xunit creates one instance per test, so the constructor
/// records the descriptors and children of this process before the test and <see cref="Dispose"/>
/// fails the test if it left one more of either behind: a leaked descriptor, or a child that was
/// not reaped (a zombie) or not even waited for.
/// </summary>
public abstract class LeakCheckedTest : IDisposable
{
    // Children of System.Diagnostics.Process are reaped by the runtime's SIGCHLD handler, a little
    // after they exit; ours are reaped synchronously and are gone at once.
    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(1);

    private readonly ProcessResources _before = ProcessResources.Capture();

    // The lifecycle's epoll reactor opens its descriptor once, on first use, for the life of the
    // process; made here, it is part of every "before".
    static LeakCheckedTest() => _ = EpollReactor.Instance;

    /// <summary>Releases what the test class itself holds, then checks the test left nothing behind.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        ReleaseFixture();
        IReadOnlyList<string> leaks = LeaksSince(_before);
        var deadline = DateTime.UtcNow + ReapGrace;
        while (leaks.Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
            leaks = LeaksSince(_before);
        }

        Assert.True(leaks.Count == 0, "The test leaked:\n" + string.Join('\n', leaks));
    }

    /// <summary>Closes what the derived class opened in its constructor, before the check runs.</summary>
    protected virtual void ReleaseFixture()
    {
    }

    private static IReadOnlyList<string> LeaksSince(ProcessResources before) =>
        ProcessResources.Capture().DescribeAdditionsTo(before);
}
