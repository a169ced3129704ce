namespace Spawn.Specs.Models;

/// <summary>The cgroup the child is born in: a constant absolute path, or a parameter.</summary>
internal sealed record CgroupModel(string? Path, string? Parameter)
{
    /// <summary>The <c>[Cgroup]</c> attribute, as written (on one line).</summary>
    public string? AttributeText { get; init; }
}
