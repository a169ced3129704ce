namespace Spawn.Specs;

/// <summary>
/// Attribute <c>POSIX_SPAWN_SETPGROUP</c> (<c>posix_spawnattr_setpgroup</c>): the child calls
/// <c>setpgid(0, group)</c> (errors: EPERM, ESRCH, stage <see cref="SpawnStage.ProcessGroup"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProcessGroupAttribute : Attribute
{
    /// <summary>Joins the constant process group <paramref name="group"/>; 0 makes the child lead a new group.</summary>
    /// <param name="group">A process group id, or 0.</param>
    public ProcessGroupAttribute(int group) => Group = group;

    /// <summary>Joins the process group given by an <see cref="int"/> <c>{parameter}</c>.</summary>
    /// <param name="source">The <c>{parameter}</c>.</param>
    public ProcessGroupAttribute(string source) => Source = source;

    /// <summary>The constant process group.</summary>
    public int Group { get; }

    /// <summary>The <c>{parameter}</c>, or <see langword="null"/>.</summary>
    public string? Source { get; }
}
