using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Spawn.Interop;

namespace Spawn.Forking;

/// <summary>
/// Compiles and binds, once and before the first fork, everything the runtime's own code runs in a
/// forked child: the child toolkit, its P/Invokes and the acknowledgement. A child must patch
/// nothing and compile nothing (docs/design.md, fork hazards 3 and 8): the JIT and the stub patcher
/// take locks another thread may have held at the fork, and write the code heap.
/// </summary>
internal static class ForkPreparation
{
    private const BindingFlags AllDeclared = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public |
                                             BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly Lock s_lock = new();
    private static volatile bool s_prepared;
    private static Task? s_preparation;

    /// <summary>
    /// Prepares everything once on a thread of its own and waits for it up to
    /// <paramref name="timeout"/>: under a thread collecting garbage in a loop the preparation takes
    /// seconds, and a fork call must still end by its deadline. Returns whether it is done; the
    /// preparation goes on after a timeout, for the next call.
    /// </summary>
    internal static bool WaitPrepared(TimeSpan timeout)
    {
        if (s_prepared)
            return true;
        Task preparation;
        lock (s_lock)
        {
            preparation = s_preparation ??= Task.Factory.StartNew(
                EnsurePrepared, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return Wait(preparation, timeout);
    }

    /// <summary>Waits for a preparation up to <paramref name="timeout"/>: whether it finished; what it
    /// threw is thrown as is.</summary>
    internal static bool Wait(Task preparation, TimeSpan timeout)
    {
        try
        {
            return preparation.Wait(timeout);
        }
        catch (AggregateException failed) when (failed.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failed.InnerExceptions[0]);
            throw;
        }
    }

    /// <summary>Prepares everything once; later calls return at once.</summary>
    internal static void EnsurePrepared()
    {
        if (s_prepared)
            return;
        lock (s_lock)
        {
            if (s_prepared)
                return;
            PrepareAll(typeof(Fork)); // ForkNp's loop runs in the child until the acknowledgement
            PrepareAll(typeof(NativeFork));
            PrepareAll(typeof(ForkChild));
            PrepareAll(typeof(ExecArguments));
            s_prepared = true;
        }
    }

    /// <summary>Compiles (and, for P/Invokes, binds) a method a child is about to run, with the
    /// instantiation its generic parameters need.</summary>
    internal static void Prepare(MethodInfo method, RuntimeTypeHandle[]? instantiation = null)
    {
        if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
            Marshal.Prelink(method);
        else if (!method.IsAbstract)
            RuntimeHelpers.PrepareMethod(method.MethodHandle, instantiation);
    }

    /// <summary>Compiles the non-generic methods of a type marked <c>AggressiveOptimization</c>: the
    /// helpers a child method calls (the JIT compiles a callee at its first call, which in a child
    /// would be the JIT's first use of locks another thread may have held at the fork).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Best effort: a trimmed method is never called by the child, and ahead-of-time code needs no preparation.")]
    internal static void PrepareOptimizedMethods(Type? type)
    {
        if (type is null || type.ContainsGenericParameters)
            return;
        foreach (MethodInfo method in type.GetMethods(AllDeclared))
        {
            if (!method.ContainsGenericParameters &&
                (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
                Prepare(method);
        }
    }

    private static void PrepareAll(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type)
    {
        foreach (MethodInfo method in type.GetMethods(AllDeclared))
        {
            if (!method.ContainsGenericParameters)
                Prepare(method);
        }
    }
}
