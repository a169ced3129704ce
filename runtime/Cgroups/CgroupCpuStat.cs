namespace Spawn.Cgroups;

/// <summary>The CPU time a cgroup's processes used, from <c>cpu.stat</c>.</summary>
public readonly struct CgroupCpuStat : IEquatable<CgroupCpuStat>
{
    /// <summary>Builds it from the microseconds <c>cpu.stat</c> gives.</summary>
    public CgroupCpuStat(long usageMicroseconds, long userMicroseconds, long systemMicroseconds)
    {
        UsageMicroseconds = usageMicroseconds;
        UserMicroseconds = userMicroseconds;
        SystemMicroseconds = systemMicroseconds;
    }

    /// <summary><c>usage_usec</c>: all CPU time.</summary>
    public long UsageMicroseconds { get; }

    /// <summary><c>user_usec</c>: CPU time in user mode.</summary>
    public long UserMicroseconds { get; }

    /// <summary><c>system_usec</c>: CPU time in the kernel.</summary>
    public long SystemMicroseconds { get; }

    /// <summary>All CPU time.</summary>
    public TimeSpan Usage => TimeSpan.FromMicroseconds(UsageMicroseconds);

    /// <summary>CPU time in user mode.</summary>
    public TimeSpan User => TimeSpan.FromMicroseconds(UserMicroseconds);

    /// <summary>CPU time in the kernel.</summary>
    public TimeSpan System => TimeSpan.FromMicroseconds(SystemMicroseconds);

    /// <inheritdoc/>
    public bool Equals(CgroupCpuStat other) =>
        UsageMicroseconds == other.UsageMicroseconds && UserMicroseconds == other.UserMicroseconds && SystemMicroseconds == other.SystemMicroseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CgroupCpuStat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UsageMicroseconds, UserMicroseconds, SystemMicroseconds);

    /// <summary>Compares every field.</summary>
    public static bool operator ==(CgroupCpuStat left, CgroupCpuStat right) => left.Equals(right);

    /// <summary>Compares every field.</summary>
    public static bool operator !=(CgroupCpuStat left, CgroupCpuStat right) => !left.Equals(right);

    /// <summary><c>"12.345 ms of CPU (user 10.000 ms, system 2.345 ms)"</c>.</summary>
    public override string ToString() =>
        string.Create(global::System.Globalization.CultureInfo.InvariantCulture,
            $"{UsageMicroseconds / 1000.0:F3} ms of CPU (user {UserMicroseconds / 1000.0:F3} ms, system {SystemMicroseconds / 1000.0:F3} ms)");
}
