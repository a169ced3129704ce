namespace Spawn.Sandboxing;

/// <summary>
/// Landlock's scopes (<c>LANDLOCK_SCOPE_*</c>, ABI 6): IPC the sandboxed child may only have with
/// processes in the same Landlock domain (itself and what it starts).
/// </summary>
[Flags]
public enum LandlockScopes : ulong
{
    /// <summary>No scope.</summary>
    None = 0,
    /// <summary>connect or send to an abstract Unix socket bound outside the domain.</summary>
    AbstractUnixSocket = 1UL << 0,
    /// <summary>kill (and pidfd_send_signal) a process outside the domain.</summary>
    Signal = 1UL << 1,
}
