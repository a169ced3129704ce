using Spawn.Streams;
namespace Spawn.Specs;

/// <summary>
/// Marks a <c>static partial</c> method whose body the Spawn source generator writes: one call to
/// the C core (clone3 with <c>CLONE_VM|CLONE_VFORK|CLONE_PIDFD</c>, then execve), the
/// <c>pidfd_spawnp</c> / <c>pidfd_spawn</c> of the glibc patch set, with argv, environment, file actions and
/// attributes built on the stack.
/// </summary>
/// <remarks>
/// <para>Each argument is a template of literal text and placeholders naming the method's
/// parameters:</para>
/// <list type="bullet">
/// <item><c>{name}</c>: the parameter's text. <see cref="string"/> and <c>ReadOnlySpan&lt;char&gt;</c>
/// are encoded as UTF-8, <c>ReadOnlySpan&lt;byte&gt;</c> is taken as UTF-8 already, integers are
/// formatted in invariant decimal and enums as their member name (the number when undefined), all
/// without allocation. A <see langword="null"/> string throws <see cref="ArgumentNullException"/>
/// naming the parameter, even when declared <c>string?</c>: use <c>{?flag}</c> for an optional
/// argument. Parameters may be passed by value, <c>in</c> or <c>ref readonly</c>, not <c>ref</c>.</item>
/// <item><c>{?name}</c> with a <see cref="bool"/> parameter: the whole argument is passed only when
/// the parameter is <see langword="true"/> (<c>"{?verbose}--verbose"</c>).</item>
/// <item><c>{name...}</c>, alone in its argument: a splat of a <c>string[]</c> or
/// <c>ReadOnlySpan&lt;string&gt;</c> parameter, one argument per element.</item>
/// <item><c>{{</c> and <c>}}</c>: a literal brace.</item>
/// </list>
/// <para>The first argument is the program. The method may return <see cref="PidFd"/> (the
/// running child), <see cref="int"/> (its pid; the pidfd is closed and the caller owns the
/// reaping), <see cref="ExitStatus"/> (spawn and <c>waitid(P_PIDFD)</c>),
/// <c>ValueTask&lt;ExitStatus&gt;</c> (spawn and wait asynchronously), <see cref="CapturedOutput"/>
/// (stdout and stderr piped, read to their end with <c>poll</c>, then the wait) or
/// <c>ValueTask&lt;CapturedOutput&gt;</c> (the same through the epoll reactor, as
/// <see cref="OutputCapture.RunAsync"/>). A captured spec's stdin is what its
/// <see cref="StandardInputAttribute"/> says (inherited without one).</para>
/// <para>A waiting spec can stop its child: <see cref="TimeoutAttribute"/> and
/// <see cref="StopSignalAttribute"/> give it a stop policy, carried out when the timeout passes or the
/// <see cref="CancellationToken"/> parameter is cancelled, and the method then throws
/// <see cref="Commands.JobStoppedException"/>. <see cref="KillOnParentExitAttribute"/> makes the child die
/// with this process.</para>
/// <para>Errors: a failed spawn throws <see cref="SpawnException"/> naming the stage (clone, a file
/// action and its index, exec) and the errno (ENOENT, EACCES, EBADF, E2BIG, ...); a string
/// argument or value holding a NUL character throws <see cref="ArgumentException"/> before any
/// syscall. The analyzers (SPAWN0001 onward) report every spec the generator cannot compile; the
/// generator then gives it a body that only throws <see cref="InvalidOperationException"/>, so
/// that a build fails with the SPAWN error alone.</para>
/// </remarks>
/// <example>
/// <code>
/// [SpawnSpec("git", "-C", "{repo}", "log", "-n", "{count}", "--format=%H")]
/// public static partial ExitStatus GitLog(string repo, int count);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SpawnSpecAttribute : Attribute
{
    /// <summary>Declares the argument vector; the first argument is the program.</summary>
    /// <param name="arguments">Argument templates, argv[0] first.</param>
    public SpawnSpecAttribute(params string[] arguments) => Arguments = arguments;

    /// <summary>The argument templates as written.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// <see langword="true"/> (the default): the program is found as <c>pidfd_spawnp</c> /
    /// <c>execvpe</c> do, searching <c>PATH</c> for a name without a slash (ENOENT when no
    /// folder has it). <see langword="false"/>: <c>pidfd_spawn</c>, the program path is used as
    /// written and should be absolute (SPAWN0010).
    /// </summary>
    public bool SearchPath { get; set; } = true;

    /// <summary>
    /// The file to execute when it differs from argv[0] (a template like the arguments, for
    /// example <c>"{tool}"</c>); <see langword="null"/>: argv[0].
    /// </summary>
    public string? Program { get; set; }
}
