namespace Spawn.Specs;

/// <summary>
/// Adds a stage to a <see cref="SpawnSpecAttribute"/> method, making it a pipeline
/// (<c>head -c {size} /dev/zero | gzip -1 | wc -c</c>): the program and argument templates of the
/// stage, with placeholders as in <see cref="SpawnSpecAttribute"/>. Repeatable; the stages run in the
/// order written, after the <see cref="SpawnSpecAttribute"/> command.
/// </summary>
/// <remarks>
/// <para>The generated body joins stage <c>k</c>'s stdout to stage <c>k + 1</c>'s stdin with a
/// <c>pipe2(O_CLOEXEC)</c> link (a <c>dup2</c> file action onto 0 or 1, so each stage holds only its own
/// ends), spawns every stage with its own pidfd in one new process group led by the first
/// (<c>setpgid</c>, as <c>Spawn.Commands.Pipeline</c> does) and with <c>SIGPIPE</c> back at its default
/// (<c>posix_spawnattr_setsigdefault</c>), closes this process's ends of the links, waits for every
/// stage (<c>waitid(P_PIDFD)</c>) and returns the <c>pipefail</c> status (<see cref="ExitStatus"/>, no
/// allocation) or every stage's status (<see cref="PipelineStatus"/>, at most
/// <see cref="PipelineStatus.MaxStages"/> stages).</para>
/// <para>The spec's other attributes: <see cref="StandardInputAttribute"/> goes to the first stage,
/// <see cref="StandardOutputAttribute"/> to the last; <see cref="StandardErrorAttribute"/>, the
/// environment, the other file actions and child steps, the signal and scheduler attributes and
/// <see cref="CgroupAttribute"/> (every stage born in the cgroup) go to every stage.
/// <see cref="SpawnSpecAttribute.Program"/> is the first stage's. The analyzers refuse what would break the
/// chain or make no sense: a file action onto descriptor 0 or 1 other than those two redirections
/// (SPAWN0052), <see cref="ProcessGroupAttribute"/> or <see cref="NewSessionAttribute"/> (SPAWN0053), a
/// <see cref="StandardErrorAttribute"/> path every stage would truncate (SPAWN0054), a return type other
/// than those two (SPAWN0050), more stages than <see cref="PipelineStatus"/> holds (SPAWN0051).</para>
/// <para>Errors: a stage that fails to spawn throws <see cref="SpawnException"/> whose
/// <see cref="SpawnException.Operation"/> names it (<c>"pipeline stage 2 of 3: exec"</c>), after the
/// stages already started were killed (<c>pidfd_send_signal(SIGKILL)</c>) and reaped and every link
/// closed; <c>pipe2</c>'s EMFILE or ENFILE before any stage starts.</para>
/// </remarks>
/// <example>
/// <code>
/// [SpawnSpec("head", "-c", "{size}", "/dev/zero")]
/// [Pipe("gzip", "-1")]
/// [Pipe("wc", "-c")]
/// public static partial ExitStatus CompressedSize(long size);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PipeAttribute : Attribute
{
    /// <summary>Declares the stage's argument vector; the first argument is its program.</summary>
    /// <param name="arguments">Argument templates, argv[0] first.</param>
    public PipeAttribute(params string[] arguments) => Arguments = arguments;

    /// <summary>The argument templates as written.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// <see langword="true"/> (the default): the stage's program is searched in <c>PATH</c>, as for
    /// <see cref="SpawnSpecAttribute.SearchPath"/>; <see langword="false"/>: used as written.
    /// </summary>
    public bool SearchPath { get; set; } = true;
}
