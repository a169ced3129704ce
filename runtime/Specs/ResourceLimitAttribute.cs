namespace Spawn.Specs;

/// <summary>
/// Child step <c>setrlimit(resource, {soft, hard})</c> (<c>prlimit64</c>): a resource limit of the
/// child, e.g. <c>RLIMIT_NOFILE</c> = 7, <c>RLIMIT_CORE</c> = 4, <c>RLIMIT_NPROC</c> = 6. Repeatable;
/// applied in declaration order with the file actions.
/// </summary>
/// <remarks>Errors (a <see cref="SpawnException"/> of stage <see cref="SpawnStage.FileAction"/>): EINVAL
/// (soft above hard, unknown resource), EPERM (raising the hard limit without CAP_SYS_RESOURCE).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ResourceLimitAttribute : Attribute
{
    /// <summary>Sets the limits of <paramref name="resource"/>.</summary>
    /// <param name="resource">An <c>RLIMIT_*</c> number.</param>
    /// <param name="soft">The soft limit; <see cref="ulong.MaxValue"/> is infinity.</param>
    /// <param name="hard">The hard limit; <see cref="ulong.MaxValue"/> is infinity.</param>
    public ResourceLimitAttribute(int resource, ulong soft, ulong hard)
    {
        Resource = resource;
        Soft = soft;
        Hard = hard;
    }

    /// <summary>The <c>RLIMIT_*</c> number.</summary>
    public int Resource { get; }

    /// <summary>The soft limit.</summary>
    public ulong Soft { get; }

    /// <summary>The hard limit.</summary>
    public ulong Hard { get; }
}
