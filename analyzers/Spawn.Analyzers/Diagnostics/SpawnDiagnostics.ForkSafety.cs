using Microsoft.CodeAnalysis;

namespace Spawn.Analyzers.Diagnostics;

internal static partial class SpawnDiagnostics
{
    internal static readonly DiagnosticDescriptor ChildAllocates = ForkSafety(
        "SPAWN0100",
        "Do not allocate in a forked child",
        "{0} allocates on the managed heap in the forked child",
        "A forked child holds only the forking thread: an allocation can start a garbage collection whose threads do not exist, or wait for an allocator lock another thread held at the fork.");

    internal static readonly DiagnosticDescriptor ChildBlocks = ForkSafety(
        "SPAWN0101",
        "Do not lock, wait or start threads in a forked child",
        "{0} can wait forever in the forked child",
        "A forked child holds only the forking thread: a lock held by another thread at the fork is never released, and threads, tasks, timers and the thread pool do not exist there.");

    internal static readonly DiagnosticDescriptor ChildCallsUnsafeMethod = ForkSafety(
        "SPAWN0102",
        "Call only async-signal-safe code in a forked child",
        "'{0}' is not known to be async-signal-safe{1}",
        "A forked child may call only the ForkChild toolkit, members marked [AsyncSignalSafe], methods of this compilation the analysis proved safe, and P/Invokes of the async-signal-safe functions of signal-safety(7).");

    internal static readonly DiagnosticDescriptor ChildUsesExceptions = ForkSafety(
        "SPAWN0103",
        "Do not throw or handle exceptions in a forked child",
        "{0} needs the runtime's exception machinery in the forked child",
        "Throwing allocates and runs the runtime's unwinder, which takes locks; try/catch/finally and checked arithmetic lead there. Return errno values as the ForkChild toolkit does.");

    internal static readonly DiagnosticDescriptor ChildReadsUninitializedStatic = ForkSafety(
        "SPAWN0104",
        "Do not touch static fields whose type initializer may not have run",
        "Static field '{0}' may run the type initializer of '{1}' in the forked child",
        "The first access to a static field runs its type's initializer, which takes the runtime's class-initialization lock and may allocate. Copy the value into a local before the fork.");

    internal static readonly DiagnosticDescriptor ChildLoopWithoutAggressiveOptimization = ForkSafety(
        "SPAWN0105",
        "Mark methods with loops that run in a forked child AggressiveOptimization",
        "'{0}' runs a loop in the forked child but is not marked [MethodImpl(MethodImplOptions.AggressiveOptimization)]",
        "A loop in tiered code can be replaced on the stack (OSR): the runtime then compiles a new version of the method in the child, which can write into the code heap the child shares with its parent.");

    internal static readonly DiagnosticDescriptor ForkingMethodWithoutAggressiveOptimization = ForkSafety(
        "SPAWN0106",
        "Mark a method that calls ForkNp AggressiveOptimization",
        "'{0}' calls Fork.ForkNp but is not marked [MethodImpl(MethodImplOptions.AggressiveOptimization)]",
        "The child continues in the method that forked: unless it is fully optimized before the fork, tiering can compile or patch it in the child.");

    internal static readonly DiagnosticDescriptor ChildFallsThrough = ForkSafety(
        "SPAWN0107",
        "End every path of a forked child in exec or ForkChild.Exit",
        "The forked child can {0} without calling ForkChild.Exit or exec, and would go on running the parent's program",
        "A child that leaves its branch runs the rest of the parent's program a second time. Every path must end in a successful exec or in ForkChild.Exit (_exit).");

    internal static readonly DiagnosticDescriptor PidOfPidFdUsed = new(
        "SPAWN0108",
        "Use the PidFd instead of its pid",
        "'{0}' is given the pid of a PidFd: use '{1}' on the PidFd, which cannot reach a recycled pid",
        ForkSafetyCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A pid can be recycled as soon as its process is reaped; the pidfd always names the same process.",
        helpLinkUri: HelpLink("SPAWN0108"));

    private static DiagnosticDescriptor ForkSafety(string id, string title, string message, string description) =>
        new(id, title, message, ForkSafetyCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLink(id));
}
