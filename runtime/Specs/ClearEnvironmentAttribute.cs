namespace Spawn.Specs;

/// <summary>
/// The child of a <see cref="SpawnSpecAttribute"/> method starts with an empty environment plus
/// its <see cref="SetEnvironmentAttribute"/> variables (<c>envp</c> built from those alone).
/// Without it the child inherits this process's <c>environ</c>.
/// </summary>
/// <remarks>
/// Inheriting reads the C library's <c>environ</c> without allocating: it holds the variables
/// the process started with and whatever native code set with <c>setenv</c>.
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's own copy;
/// pass such variables with <see cref="SetEnvironmentAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ClearEnvironmentAttribute : Attribute;
