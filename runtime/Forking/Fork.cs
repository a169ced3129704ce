using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Spawn.Interop;

namespace Spawn.Forking;

/// <summary>
/// <c>fork_np</c>, the glibc patch set's fork that returns a pidfd, places the child in a cgroup at birth, can
/// skip <c>pthread_atfork</c> handlers and choose the exit signal; made safe for a .NET process.
/// Prefer <see cref="Spawner"/> and <c>[SpawnSpec]</c> (their child is C) whenever they can express
/// the job; use this for what they cannot (joining namespaces, dropping privileges, ... then exec).
/// </summary>
/// <remarks>
/// <para>The child is a copy of the parent without <c>CLONE_VM</c> and holds only the forking thread.
/// The C core (<c>runtime/native/fork_np.c</c>) uses libc's <c>fork()</c> or <c>_Fork()</c>, and a raw
/// <c>clone3</c> only for <see cref="ForkNpFlags.Cgroup"/> and <see cref="ForkNpFlags.ExitSignal"/>
/// (which therefore need <see cref="ForkNpFlags.AsyncSafe"/>: nothing could run the atfork handlers
/// there). Before the child returns, the core parks it until the parent holds its pidfd (no pid
/// reuse window), and gives it a code heap of its own (the runtime's W^X code heap is a shared
/// memfd that the child would otherwise write into the parent's live code).</para>
/// <para>A child forked while the runtime was suspending threads for a garbage collection would hang
/// at its first return into managed code. The child acknowledges right after that return; the
/// parent kills a child that does not acknowledge within <see cref="ForkOptions.AcknowledgementTimeout"/>
/// (it ran none of the caller's code) and forks again, up to <see cref="ForkOptions.MaxAttempts"/> times.
/// While the runtime is suspending threads the core does not fork at all: the call returns to managed
/// code, whose return waits for the suspension to end, and forks again; the whole call is bounded by
/// <see cref="ForkOptions.Deadline"/>. <see cref="Prepare"/> pays the one-time preparation ahead.</para>
/// <para>In the child, run only <see cref="ForkChild"/> and other <see cref="AsyncSignalSafeAttribute"/>
/// code, from methods marked <c>AggressiveOptimization</c>, and end with exec or
/// <see cref="ForkChild.Exit"/>. <see cref="Run{TState}(ForkChildMain{TState}, ref TState, ForkNpArgs, ForkOptions, out ForkReport)"/>
/// is the safer shape: the runtime knows and prepares the child's code and ends the child itself.</para>
/// <para>Both shapes run managed code in the child, and two hazards of that cannot be closed
/// completely (docs/fork-safety.md, "Residual risk"): a method the child needs that was not compiled
/// before the fork is compiled in the child, where the JIT can crash it (never the parent); and a
/// hang after the acknowledgement was seen in about one in four runs of the fork tests (the exec
/// watchdog kills it). So every entry point here is marked <c>[Experimental("SPAWN0109")]</c>: the
/// compiler refuses a call until the caller acknowledges the risk by suppressing SPAWN0109
/// (<c>&lt;NoWarn&gt;</c>, <c>#pragma warning disable</c> or .editorconfig). The recommended shape runs
/// no managed code in the child at all: <see cref="Spawner"/> with <see cref="SpawnFileActions"/>' child
/// steps (setns, unshare, setgroups, setgid, setuid, chroot, rlimit, ...) carried out by the C core,
/// then exec.</para>
/// </remarks>
public static unsafe class Fork
{
    /// <summary>The diagnostic the compiler gives for an unacknowledged use of a managed fork child.</summary>
    internal const string ManagedChildDiagnostic = "SPAWN0109";

    private const string ManagedChildMessage =
        "managed code in a forked child can be compiled in the child and crash it, or hang; prefer Spawner with SpawnFileActions' child steps, or suppress SPAWN0109 to acknowledge the risk";

    // The rule pages' address comes from the build (RuleHelpLinks, generated from SpawnRuleHelpLinkBase).
    private const string RuleUrl = RuleHelpLinks.Base + "{0}.md";

    private const int Enosys = 38;
    private const int Enotsup = 95;
    private const int Etimedout = 110;

    /// <summary>
    /// Pays, now, the one-time preparation the first fork would otherwise pay: compiles and binds
    /// everything the runtime's own code runs in a forked child (the <see cref="ForkChild"/> toolkit,
    /// its P/Invokes into <c>libspawn_core.so</c>, resolved with <c>dlopen</c>/<c>dlsym</c>, and the
    /// acknowledgement), and the parent's side of a call (the fork loop, the pidfd). Call it at startup, before garbage collections become frequent: each step of
    /// the preparation enters the runtime and waits for the collection in progress to end, so under a
    /// thread that collects in a loop it took seconds (docs/fork-safety.md, "Forking under garbage
    /// collection pressure"). Later calls return at once.
    /// </summary>
    /// <exception cref="DllNotFoundException"><c>libspawn_core.so</c> is not next to the assembly.</exception>
    /// <exception cref="EntryPointNotFoundException">The native library is older than this assembly.</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    public static void Prepare()
    {
        ForkPreparation.EnsurePrepared();
        PrepareCallPath();
    }

    /// <summary>The parent's side of every call (the fork loop, the deadline, the tally, the pidfd):
    /// compiled here too, so that a first call made under GC pressure after <see cref="Prepare()"/>
    /// compiles nothing of its own. A call that was not prepared compiles it at once anyway.</summary>
    private static void PrepareCallPath()
    {
        if (s_callPathPrepared)
            return;
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;
        ForkPreparation.Prepare(typeof(Fork).GetMethod(nameof(ForkNpBy), Private)!);
        ForkPreparation.Prepare(typeof(Fork).GetMethod(nameof(DeadlineEnd), Private)!);
        ForkPreparation.Prepare(typeof(Fork).GetMethod(nameof(Milliseconds), Private)!);
        ForkPreparation.Prepare(typeof(ForkTally).GetMethod(nameof(ForkTally.Add), BindingFlags.NonPublic | BindingFlags.Instance)!);
        ForkPreparation.Prepare(typeof(PidFd).GetMethod(nameof(PidFd.FromSpawn), Private)!);
        s_callPathPrepared = true;
    }

    private static volatile bool s_callPathPrepared;

    /// <summary>
    /// <see cref="Prepare()"/>, and also what the first
    /// <see cref="Run{TState}(ForkChildMain{TState}, ref TState, ForkNpArgs, ForkOptions, out ForkReport)"/>
    /// of <paramref name="child"/> would compile: the child method, the <c>AggressiveOptimization</c>
    /// methods of its type, and <c>Run</c> itself for <typeparamref name="TState"/>. Call it at startup
    /// for each child method, so that no fork pays for compilation under garbage collection pressure.
    /// </summary>
    /// <typeparam name="TState">What the child needs, as for <c>Run</c>.</typeparam>
    /// <param name="child">The child method, as for <c>Run</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="child"/> is not a static method marked
    /// <c>AggressiveOptimization</c>.</exception>
    /// <exception cref="DllNotFoundException"><c>libspawn_core.so</c> is not next to the assembly.</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    public static void Prepare<TState>(ForkChildMain<TState> child)
        where TState : struct
    {
        Prepare();
        PrepareChild(child);
        RunDelegate<TState> run = Run;
        RuntimeTypeHandle[] state = TypeHandles([typeof(TState)]);
        ForkPreparation.Prepare(run.Method.GetGenericMethodDefinition(), state);
        ForkPreparation.Prepare(typeof(Fork).GetMethod(nameof(PrepareChild), BindingFlags.NonPublic | BindingFlags.Static)!, state);
    }

    private delegate PidFd RunDelegate<TState>(ForkChildMain<TState> child, ref TState state, ForkNpArgs args,
                                               ForkOptions options, out ForkReport report)
        where TState : struct;

    /// <summary>
    /// <c>fork_np(args, sizeof args)</c> with the default <see cref="ForkOptions"/>. Returns the child's
    /// pid in the parent and 0 in the child. With all members zero it acts as <c>fork</c>.
    /// </summary>
    /// <param name="args">The flags, cgroup and exit signal; receives the pidfd with <see cref="ForkNpFlags.PidFd"/>.</param>
    /// <exception cref="SpawnException">Thrown in the parent only: EINVAL (unknown flag, exit signal out of
    /// range), ENOTSUP (<see cref="ForkNpFlags.Cgroup"/> or <see cref="ForkNpFlags.ExitSignal"/> without
    /// <see cref="ForkNpFlags.AsyncSafe"/>), ENOSYS (no pidfd support with <see cref="ForkNpFlags.PidFd"/>;
    /// no clone3; no <c>_Fork</c> in libc), E2BIG / EOPNOTSUPP / EBADF (cgroup placement, as for a spawn),
    /// EAGAIN / ENOMEM (fork), ETIMEDOUT (no child acknowledged in time, or <see cref="ForkOptions.Deadline"/>
    /// passed: the message says what the call was waiting for).</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static int ForkNp(ref ForkNpArgs args) => ForkNp(ref args, new ForkOptions(), out _);

    /// <summary>
    /// <c>fork_np</c> with explicit guards, reporting how many forks it took. Returns the child's pid in
    /// the parent and 0 in the child (where <paramref name="report"/> is empty).
    /// </summary>
    /// <param name="args">As for <see cref="ForkNp(ref ForkNpArgs)"/>.</param>
    /// <param name="options">The acknowledgement timeout, the attempts, the deadline and the exec deadline.</param>
    /// <param name="report">In the parent: attempts, hung children killed, the exec watchdog.</param>
    /// <exception cref="ArgumentOutOfRangeException">A timeout, deadline or attempt count that is not positive.</exception>
    /// <exception cref="SpawnException">As for <see cref="ForkNp(ref ForkNpArgs)"/>.</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static int ForkNp(ref ForkNpArgs args, ForkOptions options, out ForkReport report) =>
        ForkNpBy(ref args, options, DeadlineEnd(options), out report);

    /// <summary>Checks the options and says when the call must end (<see cref="Environment.TickCount64"/>).</summary>
    private static long DeadlineEnd(ForkOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AcknowledgementTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Deadline, TimeSpan.Zero, nameof(options));
        if (options.ExecDeadline is { } deadline)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadline, TimeSpan.Zero, nameof(options));
        return Environment.TickCount64 + Milliseconds(options.Deadline);
    }

    private static SpawnException PreparationTimeout(ForkOptions options) =>
        new($"fork_np (the preparation did not finish within the deadline of {Milliseconds(options.Deadline)} ms: it compiles and binds what the child runs, and each of its steps waits for the garbage collection in progress to end; call Fork.Prepare() at startup)", new Errno(Etimedout));

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static int ForkNpBy(ref ForkNpArgs args, ForkOptions options, long end, out ForkReport report)
    {
        if (!ForkPreparation.Prepare(end))
            throw PreparationTimeout(options);

        var native = new NativeFork.Options
        {
            AckTimeoutMilliseconds = Milliseconds(options.AcknowledgementTimeout),
            KeepExecFd = options.ExecDeadline is null ? 0 : 1,
        };
        NativeFork.Result result;
        var tally = new ForkTally();
        int pid;
        for (;;)
        {
            native.MaxAttempts = options.MaxAttempts - tally.Hung;
            native.DeadlineMilliseconds = (int)Math.Clamp(end - Environment.TickCount64, 0, int.MaxValue);
            if (native.DeadlineMilliseconds == 0)
                throw tally.Attempts + tally.CollectionWaits == 0 ? PreparationTimeout(options) : tally.DeadlineException(Milliseconds(options.Deadline));
            fixed (ForkNpArgs* nativeArgs = &args)
                pid = NativeFork.Fork(nativeArgs, (ulong)sizeof(ForkNpArgs), &native, &result);
            if (pid == 0)
            {
                // The child's first return into managed code is behind it: had a suspension been pending
                // at the fork, the line above would never have returned. Tell the parent.
                NativeFork.ChildAck(result.AckFd);
                report = default;
                return 0;
            }

            tally.Add(result);
            // A suspension in progress: returning from the call above waited for it to end, in the
            // runtime, as every thread leaving native code does. Fork again now.
            if (pid > 0 || result.Stage != NativeFork.ForkStage.Suspended)
                break;
        }

        if (pid < 0)
            throw result.Stage == NativeFork.ForkStage.Deadline
                ? tally.DeadlineException(Milliseconds(options.Deadline))
                : CreateException(result, tally);
        report = new ForkReport
        {
            Attempts = tally.Attempts,
            HungChildrenKilled = tally.Hung,
            SuspendedChildren = tally.Suspended,
            Watchdog = options.ExecDeadline is { } execDeadline
                ? new ExecWatchdog(result.ExecFd, result.WatchPidFd, execDeadline)
                : null,
        };
        return pid;
    }

    /// <summary>
    /// The safer shape of <c>fork_np</c>: forks, runs <paramref name="child"/> in the child and ends
    /// the child with its result (<c>_exit</c>; 127 if it threw), and returns the child's pidfd in the
    /// parent. The child method is compiled before the fork, and the child never returns into the
    /// caller's code.
    /// </summary>
    /// <typeparam name="TState">What the child needs, prepared by the parent.</typeparam>
    /// <param name="child">A static method marked <c>AggressiveOptimization</c>. It and the non-generic
    /// <c>AggressiveOptimization</c> methods of its type are compiled before the fork; anything else it
    /// calls must be <see cref="ForkChild"/> or already compiled.</param>
    /// <param name="state">Passed to the child (its own copy after the fork).</param>
    /// <returns>A pidfd of the child; wait for it with <c>PidFd.WaitForExit</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="child"/> is not a static method marked
    /// <c>AggressiveOptimization</c>.</exception>
    /// <exception cref="SpawnException">As for <see cref="ForkNp(ref ForkNpArgs)"/>.</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    public static PidFd Run<TState>(ForkChildMain<TState> child, ref TState state)
        where TState : struct =>
        Run(child, ref state, default, new ForkOptions(), out _);

    /// <summary>
    /// <see cref="Run{TState}(ForkChildMain{TState}, ref TState)"/> with <c>fork_np</c> flags
    /// (<see cref="ForkNpFlags.PidFd"/> is implied) and guards.
    /// </summary>
    /// <typeparam name="TState">What the child needs, prepared by the parent.</typeparam>
    /// <param name="child">A static method marked <c>AggressiveOptimization</c>.</param>
    /// <param name="state">Passed to the child (its own copy after the fork).</param>
    /// <param name="args">Flags, cgroup and exit signal, as for <see cref="ForkNp(ref ForkNpArgs)"/>.</param>
    /// <param name="options">The acknowledgement timeout, the attempts and the exec deadline.</param>
    /// <param name="report">Attempts, hung children killed, the exec watchdog.</param>
    /// <returns>A pidfd of the child.</returns>
    /// <exception cref="ArgumentException"><paramref name="child"/> is not a static method marked
    /// <c>AggressiveOptimization</c>.</exception>
    /// <exception cref="SpawnException">As for <see cref="ForkNp(ref ForkNpArgs)"/>.</exception>
    [Experimental(ManagedChildDiagnostic, UrlFormat = RuleUrl, Message = ManagedChildMessage)]
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static PidFd Run<TState>(ForkChildMain<TState> child, ref TState state, ForkNpArgs args,
                                    ForkOptions options, out ForkReport report)
        where TState : struct
    {
        long end = DeadlineEnd(options);
        delegate*<ref TState, int> main = PrepareChild(child);
        args.Flags |= ForkNpFlags.PidFd;
        int pid = ForkNpBy(ref args, options, end, out report);
        if (pid == 0)
        {
            int status = 127;
            try
            {
                status = main(ref state);
            }
            finally
            {
                ForkChild.Exit(status);
            }
        }

        return PidFd.FromSpawn(args.PidFd, pid);
    }

    /// <summary>Checks and compiles a child method, once: a later call for the same method finds its
    /// entry point without reflection or compilation, which under GC pressure would wait for a
    /// collection at each step. It runs on the calling thread (starting a thread to run it would wait
    /// as long); the call's deadline is checked once it is done.</summary>
    private static delegate*<ref TState, int> PrepareChild<TState>(ForkChildMain<TState> child)
        where TState : struct
    {
        ArgumentNullException.ThrowIfNull(child);
        MethodInfo method = child.Method;
        if (!method.IsStatic || child.Target is not null)
            throw new ArgumentException($"The fork child {method.Name} must be a static method (a lambda or an instance method needs an object the child must not touch).", nameof(child));
        nint entry = ForkPreparation.PreparedChild(method);
        if (entry != 0)
            return (delegate*<ref TState, int>)entry;
        if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0)
            throw new ArgumentException($"The fork child {method.Name} must be marked [MethodImpl(MethodImplOptions.AggressiveOptimization)], so that it is compiled once, before the fork, and never tiered in the child.", nameof(child));
        ForkPreparation.Prepare(method, method.IsGenericMethod ? TypeHandles(method.GetGenericArguments()) : null);
        ForkPreparation.PrepareOptimizedMethods(method.DeclaringType);
        entry = method.MethodHandle.GetFunctionPointer();
        ForkPreparation.RememberChild(method, entry);
        return (delegate*<ref TState, int>)entry;
    }

    private static RuntimeTypeHandle[] TypeHandles(Type[] types) => Array.ConvertAll(types, type => type.TypeHandle);

    private static int Milliseconds(TimeSpan time) => (int)Math.Clamp(Math.Ceiling(time.TotalMilliseconds), 1, int.MaxValue);

    private static SpawnException CreateException(in NativeFork.Result result, ForkTally tally)
    {
        string operation = result.Stage switch
        {
            NativeFork.ForkStage.Args when result.Error == Enotsup => "fork_np (Cgroup and ExitSignal need AsyncSafe: their clone3 cannot run the pthread_atfork handlers)",
            NativeFork.ForkStage.Args when result.Error == Enosys => "fork_np (no pidfd support (waitid P_PIDFD), or no _Fork in this C library)",
            NativeFork.ForkStage.Args => "fork_np (arguments)",
            NativeFork.ForkStage.PidFd => "fork_np (pidfd_open of the parked child)",
            NativeFork.ForkStage.PrivateCode => "fork_np (the child could not take a private copy of the code heap)",
            NativeFork.ForkStage.Ack => $"fork_np ({tally.Attempts} forks: {tally.Hung} children did not come back into managed code in time, {tally.Suspended} found a garbage collection suspending threads)",
            _ => "fork_np",
        };
        return new SpawnException(operation, new Errno(result.Error));
    }

    /// <summary>What the forks of one call came to, over its calls into the C core.</summary>
    private struct ForkTally
    {
        internal int Attempts;
        internal int Hung;
        internal int Suspended;
        internal int CollectionWaits;

        internal void Add(in NativeFork.Result result)
        {
            Attempts += result.Attempts;
            Hung += result.Hung;
            Suspended += result.Suspended;
            if (result.Stage == NativeFork.ForkStage.Suspended && result.Suspended == 0)
                CollectionWaits++;
        }

        internal readonly SpawnException DeadlineException(int deadlineMilliseconds) =>
            new($"fork_np (deadline of {deadlineMilliseconds} ms passed before a child came back into managed code: {Attempts} forks, {Suspended} children found a garbage collection suspending threads, {Hung} did not acknowledge in time, {CollectionWaits} waits for a collection to end before forking; no child is left)",
                new Errno(Etimedout));
    }
}
