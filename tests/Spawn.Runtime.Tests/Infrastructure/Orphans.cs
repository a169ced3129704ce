namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>Processes left to init (or a subreaper): grandchildren, the children of a killed runner, or the members of a killed cgroup.</summary>
internal static class Orphans
{
    /// <summary>Waits up to 10 seconds for <paramref name="pid"/> to be gone; a zombie that init has not reaped yet counts as gone.</summary>
    public static bool WaitUntilGone(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (ProcessResources.ChildState(pid) is "gone" or "Z" or "X")
                return true;
            Thread.Sleep(20);
        }
        return false;
    }
}
