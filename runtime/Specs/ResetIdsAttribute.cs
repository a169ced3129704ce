namespace Spawn.Specs;

/// <summary>Attribute <c>POSIX_SPAWN_RESETIDS</c>: the child's effective user and group ids become the real ones (stage <see cref="SpawnStage.ResetIds"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ResetIdsAttribute : Attribute;
