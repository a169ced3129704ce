namespace Spawn.Specs;

/// <summary>
/// Child step <c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c>: exec can never grant privileges again (no
/// set-user-ID, no file capabilities), for the child and everything it starts. Never fails.
/// Applied in declaration order with the file actions.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class NoNewPrivilegesAttribute : Attribute;
