namespace Spawn.Specs;

/// <summary>File action <c>posix_spawn_file_actions_addclosefrom_np</c>: the child closes every descriptor from <see cref="LowFd"/> up (<c>close_range</c>, else a loop). Repeatable, in order.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CloseFromAttribute : Attribute
{
    /// <summary>Closes every descriptor from <paramref name="lowFd"/> up.</summary>
    /// <param name="lowFd">The lowest descriptor closed (0 or more).</param>
    public CloseFromAttribute(int lowFd) => LowFd = lowFd;

    /// <summary>The lowest descriptor closed.</summary>
    public int LowFd { get; }
}
