using Microsoft.CodeAnalysis;
using Spawn.Specs.Parsing;

namespace Spawn.Analyzers.Diagnostics;

/// <summary>The spec rules, SPAWN0001-SPAWN0099: one per <see cref="SpecProblemKind"/>, in its order.</summary>
internal static partial class SpawnDiagnostics
{
    internal static readonly DiagnosticDescriptor MethodNotPartial = SpecError(
        "SPAWN0001",
        "A [SpawnSpec] method must be a partial declaration",
        "'{0}' must be a partial method declaration without a body, so that the generator can write its body",
        "The generator writes the body of a [SpawnSpec] method; it can only do so for a 'partial' declaration without a body.");

    internal static readonly DiagnosticDescriptor MethodNotStatic = SpecError(
        "SPAWN0002",
        "A [SpawnSpec] method must be static",
        "'{0}' must be static",
        "A spawn spec describes a process; it reads no instance state, so the generated method is static.");

    internal static readonly DiagnosticDescriptor UnsupportedContainingType = SpecError(
        "SPAWN0003",
        "A [SpawnSpec] method must be non-generic and in partial, non-generic types",
        "'{0}' cannot be generated: {1}",
        "The generated body is added to the method's containing types as partial declarations, and its argv is fixed at compile time, so neither the method nor a containing type may be generic, and every containing type must be partial.");

    internal static readonly DiagnosticDescriptor UnknownPlaceholder = SpecError(
        "SPAWN0004",
        "A placeholder must name a parameter",
        "'{0}' names no parameter of '{1}'",
        "Each {name} of a spec's templates, and the stdin/stdout/stderr parameter of a Redirect.Pipe, is a parameter of the method.");

    internal static readonly DiagnosticDescriptor UnusedParameter = SpecWarning(
        "SPAWN0005",
        "A [SpawnSpec] parameter should be used by the spec",
        "Parameter '{0}' is not used by the spec",
        "A parameter no template, file action, attribute or cgroup uses has no effect on the spawned process; it is likely a forgotten placeholder.");

    internal static readonly DiagnosticDescriptor UnsupportedParameter = SpecError(
        "SPAWN0006",
        "A [SpawnSpec] parameter's type must fit its use",
        "Parameter '{0}' of type '{1}' cannot be used {2}",
        "Text takes string, ReadOnlySpan<char>, UTF-8 ReadOnlySpan<byte>, integers and enums; a {?condition} takes bool; a {splat...} takes string[] or ReadOnlySpan<string>; descriptors take a SafeHandle or int; a [SetUid]/[SetGid] id takes uint; a cgroup takes Cgroup, a SafeHandle or int; pipes take out Stream or out SafeFileHandle; a CancellationToken goes with a ValueTask<ExitStatus> return; a [Timeout] takes TimeSpan.");

    internal static readonly DiagnosticDescriptor UnsupportedReturnType = SpecError(
        "SPAWN0007",
        "A [SpawnSpec] method must return PidFd, int, ExitStatus, CapturedOutput or a ValueTask of either",
        "'{0}' returns '{1}', but a spawn spec returns PidFd, int, ExitStatus, CapturedOutput, ValueTask<ExitStatus> or ValueTask<CapturedOutput>",
        "The return type says what happens after the spawn: PidFd hands the child out, int its pid, ExitStatus waits for it, CapturedOutput reads its stdout and stderr to the end and waits; the ValueTask forms do the same without blocking a thread.");

    internal static readonly DiagnosticDescriptor EmptyArgv = SpecError(
        "SPAWN0008",
        "A [SpawnSpec] needs a program",
        "The spec of '{0}' has no program: argv[0] must be given and not empty",
        "execve needs a file to run; the first argument of [SpawnSpec] is the program and argv[0].");

    internal static readonly DiagnosticDescriptor ConstantHoldsNul = SpecError(
        "SPAWN0009",
        "A constant of a spec must not hold NUL",
        "'{0}' holds a NUL character, which would cut the string short",
        "Arguments, paths and environment entries reach the kernel as NUL-terminated strings; a NUL inside one silently drops the rest.");

    internal static readonly DiagnosticDescriptor RelativeProgramWithoutSearch = SpecWarning(
        "SPAWN0010",
        "A program path should be absolute or searched in PATH",
        "The program '{0}' is a relative path that is not searched in PATH: what runs depends on the child's working folder",
        "A program name with a slash is never searched in PATH, and with SearchPath = false nothing is: a relative path then resolves against the working folder the child has at exec, which a Chdir or the caller may change.");

    internal static readonly DiagnosticDescriptor LostFileAction = SpecWarning(
        "SPAWN0011",
        "A file action should not replace a descriptor nothing used",
        "Descriptor {0} set by {1} is replaced by {2} before anything uses it",
        "File actions run in order: a descriptor that an open, dup2 or pipe set up and a later action replaces or closes before any other action uses it was set up for nothing, which usually means two redirections of the same stream.");

    internal static readonly DiagnosticDescriptor NegativeDescriptor = SpecError(
        "SPAWN0012",
        "A descriptor must not be negative",
        "Descriptor {0} is negative",
        "posix_spawn_file_actions_add* (and setns) reject a negative descriptor with EBADF; the spec would fail at every call.");

    internal static readonly DiagnosticDescriptor RelativeCgroupPath = SpecError(
        "SPAWN0013",
        "A constant cgroup path must be absolute",
        "The cgroup path '{0}' is not absolute",
        "A relative cgroup path would be opened against the caller's working folder, not the cgroup2 mount; write the absolute folder, or pass a Cgroup parameter.");

    internal static readonly DiagnosticDescriptor ShellCommandPlaceholder = SpecWarning(
        "SPAWN0014",
        "Do not put placeholders in a shell command string",
        "The '{0} -c' command '{1}' holds a placeholder: the parameter's text becomes shell code",
        "The shell parses its -c string: a parameter holding ';', '$(...)' or a quote runs commands of the caller's choosing (shell injection). Pass the parameter as its own argument ($1 in the script), or run the program directly.");

    internal static readonly DiagnosticDescriptor UnsafeBlocksNotAllowed = SpecError(
        "SPAWN0015",
        "A project with [SpawnSpec] methods must allow unsafe code",
        "The generated body of '{0}' needs unsafe code: set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project",
        "The generated body builds argv, envp and file actions as pointers on the stack, which needs unsafe code.");

    internal static readonly DiagnosticDescriptor MalformedTemplate = SpecError(
        "SPAWN0016",
        "A template must be well formed",
        "'{0}' is not a valid template: {1}",
        "Templates hold literal text, {name}, {?name} and, alone in an argument, {name...}; write {{ and }} for literal braces. Descriptor, process group, cgroup and user or group id sources are one {parameter}.");

    internal static readonly DiagnosticDescriptor InvalidEnvironmentName = SpecError(
        "SPAWN0017",
        "An environment variable name must be valid",
        "'{0}' is not an environment variable name: it must be non-empty without '=' or NUL",
        "An environment entry is NAME=value: a name with '=' or NUL cannot be written or found.");

    internal static readonly DiagnosticDescriptor InvalidSignal = SpecError(
        "SPAWN0018",
        "A signal number must be between 1 and 64",
        "{0} is not a signal number (1 to 64)",
        "Linux signals are numbered 1 to 64; a signal set has no room for others, and prctl(PR_SET_PDEATHSIG) refuses them with EINVAL.");

    internal static readonly DiagnosticDescriptor ProcessStartCanBeSpec = new(
        "SPAWN0019",
        "A constant Process.Start can be a [SpawnSpec] method",
        "Process.Start(\"{0}\", ...) can be a [SpawnSpec] method: race-free (pidfd), no allocation, checked at compile time",
        SpecsCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        "A Process.Start with a constant program and constant arguments whose Process is not used is a fixed spawn: a [SpawnSpec] method runs it through clone3 with a pidfd, encodes its arguments at compile time and allocates nothing.",
        HelpLink("SPAWN0019"));

    internal static readonly DiagnosticDescriptor PipeReadAfterWait = SpecError(
        "SPAWN0020",
        "A spec that waits for its child cannot pipe its standard streams",
        "'{0}' waits for its child before it returns, so the caller gets the '{1}' pipe only after the child exited: return PidFd or a ValueTask instead",
        "With an ExitStatus or CapturedOutput return the generated method waits before it returns, so nobody reads or closes the pipe while the child runs: a child that writes more than the pipe holds (64 KiB), or reads its input to the end, never exits.");

    internal static readonly DiagnosticDescriptor TerminalParameterMismatch = SpecError(
        "SPAWN0030",
        "[Terminal] goes with exactly one 'out Terminal' parameter",
        "'{0}' cannot hand out its terminal: {1}",
        "A [Terminal] spec opens a pseudo-terminal for the child and hands this process's side (the leader) out through an 'out Terminal' parameter: without one the terminal would be lost, and an 'out Terminal' parameter without [Terminal] has nothing to receive.");

    internal static readonly DiagnosticDescriptor InvalidTerminalSize = SpecError(
        "SPAWN0031",
        "A terminal's rows and columns must be between 1 and 65535",
        "{0} = {1} is not a window size: a terminal has 1 to 65535 rows and columns",
        "ioctl(TIOCSWINSZ) takes a struct winsize of unsigned shorts; a zero size means 'unknown' to programs, and anything else does not fit.");

    internal static readonly DiagnosticDescriptor TerminalSessionConflict = SpecError(
        "SPAWN0032",
        "[ProcessGroup] cannot be combined with [Terminal]",
        "'{0}' puts its child in a process group and on a terminal: the terminal step's setsid would fail (EPERM) or leave that group",
        "The terminal step makes the child a session leader (setsid) so that it can take the terminal as its controlling terminal. A child that leads its own process group cannot call setsid (EPERM), and one that joined another group would leave it: remove [ProcessGroup]. [NewSession] is allowed, and not needed.");

    internal static readonly DiagnosticDescriptor TerminalReadAfterWait = SpecError(
        "SPAWN0033",
        "A spec that waits for its child cannot run it on a terminal",
        "'{0}' waits for its child before it returns, so the caller gets the terminal '{1}' only after the child exited: return PidFd or a ValueTask instead",
        "With an ExitStatus or CapturedOutput return the generated method waits before it returns, so nobody reads the terminal or types on it while the child runs: a child that writes more than the terminal buffers, or reads its input, never exits.");
    internal static readonly DiagnosticDescriptor PipelineReturnType = SpecError(
        "SPAWN0050",
        "A [Pipe] spec returns ExitStatus or PipelineStatus",
        "'{0}' returns '{1}': {2}",
        "A pipeline's generated method spawns every stage, closes the links and waits for all of them: it returns the pipefail status (ExitStatus) or every stage's (PipelineStatus), and PipelineStatus is what a pipeline returns, not a single process.");

    internal static readonly DiagnosticDescriptor PipelineTooLong = SpecError(
        "SPAWN0051",
        "A PipelineStatus holds at most 8 stages",
        "'{0}' has {1} stages, more than PipelineStatus holds (8): return ExitStatus, the pipefail status",
        "PipelineStatus keeps every stage's status inline, so that the pipeline allocates nothing; it has room for 8 stages. A longer pipeline returns ExitStatus.");

    internal static readonly DiagnosticDescriptor PipelineChainBroken = SpecError(
        "SPAWN0052",
        "A pipeline's file actions must leave stdin and stdout to the links",
        "{0} {1} {2}, which links the stages of the pipeline: use [StandardInput] for the first stage's stdin or [StandardOutput] for the last stage's stdout",
        "Every file action of a [Pipe] spec runs in every stage, after the dup2 of the stage's links onto descriptors 0 and 1; an action that opens, replaces or closes 0 or 1 would cut the chain. [StandardInput] applies to the first stage only and [StandardOutput] to the last only.");

    internal static readonly DiagnosticDescriptor PipelineProcessGroup = SpecError(
        "SPAWN0053",
        "A pipeline has a process group of its own",
        "{0} cannot apply to a pipeline: its stages share a new process group led by the first",
        "The stages of a [Pipe] spec are born in one new process group, led by the first stage, so that the whole pipeline can be signalled at once. [ProcessGroup] would move them to another group, and [NewSession] would give each stage a session and group of its own.");

    internal static readonly DiagnosticDescriptor PipelineTruncatedFile = SpecError(
        "SPAWN0054",
        "Every stage of a pipeline would truncate the same file",
        "{0} opens descriptor {1} with O_TRUNC in every stage of the pipeline: each stage overwrites what the others wrote",
        "A file action other than the stdin and stdout redirections runs in every stage; each opens the file anew, at offset 0, and truncates it, so the stages overwrite each other's output. Open the file once in this process and pass it as a SafeHandle {parameter}, which every stage dup2s, or use /dev/null.");


    internal static readonly DiagnosticDescriptor SandboxMemberNotFound = SpecError(
        "SPAWN0060",
        "[Sandbox] must name a field or property the spec can read",
        "'{0}' has no field or property '{1}' that '{2}' can read",
        "The generated method reads the sandbox from the member [Sandbox] names at each call: a field, or a property with a getter, of that type or a base type, not private to another type.");

    internal static readonly DiagnosticDescriptor SandboxMemberNotStatic = SpecError(
        "SPAWN0061",
        "[Sandbox] must name a static member",
        "'{0}.{1}' is not static: a spec has no instance to read it from",
        "A spawn spec is a static method; the sandbox it runs its child in is compiled once and kept in a static field or property.");

    internal static readonly DiagnosticDescriptor SandboxMemberNotSandbox = SpecError(
        "SPAWN0062",
        "[Sandbox] must name a member of type Sandbox",
        "'{0}.{1}' is of type '{2}', not Spawn.Sandboxing.Sandbox: compile the profile once (SandboxProfile.Compile) and keep the Sandbox",
        "The generated method copies a compiled sandbox's steps into its spawn; a SandboxProfile would have to be compiled (its Landlock ruleset built, its seccomp program assembled) at every call.");

    /// <summary>Every rule the parser's problems map to (<see cref="SpecProblemKind"/> value = rule number). A
    /// property, not a field: rules declared in other partial files would not be initialized yet.</summary>
    internal static DiagnosticDescriptor[] SpecRules =>
    [
        MethodNotPartial, MethodNotStatic, UnsupportedContainingType, UnknownPlaceholder, UnusedParameter, UnsupportedParameter,
        UnsupportedReturnType, EmptyArgv, ConstantHoldsNul, RelativeProgramWithoutSearch, LostFileAction, NegativeDescriptor,
        RelativeCgroupPath, ShellCommandPlaceholder, UnsafeBlocksNotAllowed, MalformedTemplate, InvalidEnvironmentName, InvalidSignal,
        PipeReadAfterWait, TerminalParameterMismatch, InvalidTerminalSize, TerminalSessionConflict, TerminalReadAfterWait,
        StopNotEnforced, ProcessGroupScopeWithoutGroup, CgroupScopeWithoutCgroup, InvalidStopTime,
        PipelineReturnType, PipelineTooLong, PipelineChainBroken, PipelineProcessGroup, PipelineTruncatedFile,
        SandboxMemberNotFound, SandboxMemberNotStatic, SandboxMemberNotSandbox,
    ];

    internal static DiagnosticDescriptor For(SpecProblemKind kind)
    {
        string id = "SPAWN" + ((int)kind).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return SpecRules.First(rule => rule.Id == id);
    }

    private static DiagnosticDescriptor SpecError(string id, string title, string message, string description) =>
        new(id, title, message, SpecsCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLink(id));

    internal static DiagnosticDescriptor SpecWarning(string id, string title, string message, string description) =>
        new(id, title, message, SpecsCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLink(id));
}
