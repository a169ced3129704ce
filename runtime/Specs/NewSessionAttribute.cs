namespace Spawn.Specs;

/// <summary>Attribute <c>POSIX_SPAWN_SETSID</c>: the child calls <c>setsid()</c> and leads a new session (errors: EPERM, stage <see cref="SpawnStage.Session"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class NewSessionAttribute : Attribute;
