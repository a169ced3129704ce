namespace Spawn.Forking;

/// <summary>
/// Marks a method (or every method of a class) as safe to call in a forked child before exec:
/// it allocates nothing, takes no lock, throws nothing, is compiled and bound before the fork,
/// and each call is at most a few async-signal-safe system calls (<c>signal-safety(7)</c>).
/// The fork-child analyzers accept calls to marked members in the code after
/// <see cref="Fork.ForkNp(ref ForkNpArgs)"/> returns 0.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class AsyncSignalSafeAttribute : Attribute
{
}
