using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spawn.Interop;

namespace Spawn.Forking;

/// <summary>
/// Compiles and binds, once and before the first fork, everything the runtime's own code runs in a
/// forked child: the child toolkit (<see cref="ForkChild"/>, the acknowledgement and <c>_exit</c>),
/// and each child method given to <see cref="Fork.Run{TState}(ForkChildMain{TState}, ref TState)"/>.
/// A child must patch nothing and compile nothing (docs/design.md, fork hazards 3 and 8): the JIT and
/// the stub patcher take locks another thread may have held at the fork, and write the code heap.
/// </summary>
/// <remarks>
/// Only what the child runs is prepared: under a thread collecting garbage in a loop each entry into the
/// runtime waits for a collection to end, and the wait is sometimes thousands of collections long
/// (docs/fork-safety.md, "Forking under garbage collection pressure"). The steps run on the calling
/// thread (starting a thread waits as long), which checks its deadline between them and leaves the
/// rest to the next call.
/// </remarks>
internal static class ForkPreparation
{
    private const BindingFlags AllDeclared = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public |
                                             BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static volatile bool s_prepared;
    private static volatile MethodInfo[]? s_steps;
    private static int s_nextStep;
    private static PreparedChildren s_children = new([], []);

    /// <summary>
    /// Prepares what is left of the toolkit, step by step, until it is done or
    /// <paramref name="end"/> (<see cref="Environment.TickCount64"/>) passes: whether it is done. Every
    /// step can be repeated, so concurrent callers need no lock, and a call that ran out of time left
    /// its finished steps to the next.
    /// </summary>
    internal static bool Prepare(long end)
    {
        if (s_prepared)
            return true;
        MethodInfo[] methods = s_steps ??= ChildMethods();
        int next;
        while ((next = Volatile.Read(ref s_nextStep)) < methods.Length)
        {
            if (Environment.TickCount64 >= end)
                return false;
            Prepare(methods[next]);
            Interlocked.CompareExchange(ref s_nextStep, next + 1, next);
        }
        s_prepared = true;
        return true;
    }

    /// <summary>
    /// What the runtime's own code runs in a child: the P/Invokes into the C core (bound first, so that
    /// the toolkit's methods compile against bound entry points), the <see cref="ForkChild"/> toolkit
    /// and the accessors of <see cref="ExecArguments"/> that exec reads. Not the parent's side (building
    /// an <see cref="ExecArguments"/>, the errors): it compiles when the parent first runs it, and
    /// compiling it here, under a thread collecting in a loop, took seconds.
    /// </summary>
    internal static MethodInfo[] ChildMethods()
    {
        // Arrays and GetMethods only: each other reflection or collection path used for the first time
        // (properties, a list, a predicate) is more code entered for the first time under the pressure.
        MethodInfo[] native = typeof(NativeFork).GetMethods(AllDeclared);
        MethodInfo[] toolkit = typeof(ForkChild).GetMethods(AllDeclared);
        MethodInfo[] arguments = typeof(ExecArguments).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly);
        var methods = new MethodInfo[native.Length + toolkit.Length + arguments.Length];
        int count = 0;
        foreach (MethodInfo[] group in new[] { native, toolkit, arguments })
        {
            foreach (MethodInfo method in group)
            {
                if (!method.ContainsGenericParameters && (group != arguments || method.IsSpecialName))
                    methods[count++] = method;
            }
        }
        Array.Resize(ref methods, count);
        return methods;
    }

    /// <summary>Prepares everything once; later calls return at once.</summary>
    internal static void EnsurePrepared() => Prepare(long.MaxValue);

    /// <summary>The entry point of a child method prepared before, or 0.</summary>
    internal static nint PreparedChild(MethodInfo method) => Volatile.Read(ref s_children).Find(method.MethodHandle.Value);

    /// <summary>Remembers a prepared child method, so that a later <c>Run</c> of it uses no reflection
    /// and compiles nothing.</summary>
    internal static void RememberChild(MethodInfo method, nint entry)
    {
        PreparedChildren known, grown;
        do
        {
            known = Volatile.Read(ref s_children);
            grown = known.With(method.MethodHandle.Value, entry);
        }
        while (Interlocked.CompareExchange(ref s_children, grown, known) != known);
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

    /// <summary>The child methods prepared so far, by method handle, with their entry points; replaced
    /// whole when one is added (there are few, and a lookup then needs no lock). Plain arrays, because a
    /// generic collection would itself be compiled at the first fork, under the pressure it avoids.</summary>
    private sealed class PreparedChildren(nint[] handles, nint[] entries)
    {
        internal nint Find(nint handle)
        {
            for (int i = 0; i < handles.Length; i++)
            {
                if (handles[i] == handle)
                    return entries[i];
            }
            return 0;
        }

        internal PreparedChildren With(nint handle, nint entry)
        {
            if (Find(handle) != 0)
                return this;
            var grownHandles = new nint[handles.Length + 1];
            var grownEntries = new nint[entries.Length + 1];
            Array.Copy(handles, grownHandles, handles.Length);
            Array.Copy(entries, grownEntries, entries.Length);
            grownHandles[^1] = handle;
            grownEntries[^1] = entry;
            return new PreparedChildren(grownHandles, grownEntries);
        }
    }
}
