namespace Spawn.Specs.Parsing;

/// <summary>
/// Everything the parser can find wrong with a spec. The analyzers map each kind to the rule
/// whose number is its value (SPAWN0019 belongs to another analyzer); a kind marked "blocks"
/// leaves the generator without a model.
/// </summary>
internal enum SpecProblemKind
{
    /// <summary>SPAWN0001, blocks: the method is not a <c>partial</c> declaration without a body.</summary>
    MethodNotPartial = 1,

    /// <summary>SPAWN0002, blocks: the method is not <c>static</c>.</summary>
    MethodNotStatic = 2,

    /// <summary>SPAWN0003, blocks: the method or a containing type is generic, or a containing type is not <c>partial</c>.</summary>
    UnsupportedContainingType = 3,

    /// <summary>SPAWN0004, blocks: a placeholder names no parameter.</summary>
    UnknownPlaceholder = 4,

    /// <summary>SPAWN0005, warning: a parameter is never used by the spec.</summary>
    UnusedParameter = 5,

    /// <summary>SPAWN0006, blocks: a parameter's type or modifier does not fit where it is used.</summary>
    UnsupportedParameter = 6,

    /// <summary>SPAWN0007, blocks: the return type is not PidFd, int, ExitStatus, CapturedOutput or a ValueTask of the last two.</summary>
    UnsupportedReturnType = 7,

    /// <summary>SPAWN0008, blocks: no argument, or an empty program.</summary>
    EmptyArgv = 8,

    /// <summary>SPAWN0009, blocks: a constant argument, path or variable holds NUL.</summary>
    ConstantHoldsNul = 9,

    /// <summary>SPAWN0010, warning: a relative program path without PATH search.</summary>
    RelativeProgramWithoutSearch = 10,

    /// <summary>SPAWN0011, warning: a file action's descriptor is replaced before anything used it.</summary>
    LostFileAction = 11,

    /// <summary>SPAWN0012, blocks: a negative descriptor.</summary>
    NegativeDescriptor = 12,

    /// <summary>SPAWN0013, blocks: a constant cgroup path that is not absolute.</summary>
    RelativeCgroupPath = 13,

    /// <summary>SPAWN0014, warning: a placeholder inside the command string of <c>sh -c</c>.</summary>
    ShellCommandPlaceholder = 14,

    /// <summary>SPAWN0015, blocks: the project does not allow unsafe code, which the generated body needs.</summary>
    UnsafeBlocksNotAllowed = 15,

    /// <summary>SPAWN0016, blocks: a malformed template (an unclosed brace, an empty name, a splat not alone).</summary>
    MalformedTemplate = 16,

    /// <summary>SPAWN0017, blocks: an environment variable name that is empty or holds <c>=</c>.</summary>
    InvalidEnvironmentName = 17,

    /// <summary>SPAWN0018, blocks: a signal number outside 1 to 64.</summary>
    InvalidSignal = 18,

    /// <summary>SPAWN0020, blocks: an ExitStatus or CapturedOutput return with a stdio pipe, which the caller could only use after the wait.</summary>
    PipeReadAfterWait = 20,

    /// <summary>SPAWN0030, blocks: <c>[Terminal]</c> without exactly one <c>out Terminal</c> parameter, or such a parameter without <c>[Terminal]</c>.</summary>
    TerminalParameterMismatch = 30,

    /// <summary>SPAWN0031, blocks: a terminal's rows or columns outside 1 to 65535.</summary>
    InvalidTerminalSize = 31,

    /// <summary>SPAWN0032, blocks: <c>[ProcessGroup]</c> with <c>[Terminal]</c>: the terminal step's setsid would fail or undo the group.</summary>
    TerminalSessionConflict = 32,

    /// <summary>SPAWN0033, blocks: an ExitStatus or CapturedOutput return with <c>[Terminal]</c>, whose terminal the caller could only use after the wait.</summary>
    TerminalReadAfterWait = 33,

    /// <summary>SPAWN0040, blocks: <c>[Timeout]</c> or <c>[StopSignal]</c> on a form that cannot enforce it, or with nothing to trigger it.</summary>
    StopNotEnforced = 40,

    /// <summary>SPAWN0041, blocks: a <c>ProcessGroup</c> stop scope without a process group of the child's own.</summary>
    ProcessGroupScopeWithoutGroup = 41,

    /// <summary>SPAWN0042, blocks: a <c>Cgroup</c> stop scope without <c>[Cgroup]</c>.</summary>
    CgroupScopeWithoutCgroup = 42,

    /// <summary>SPAWN0043, blocks: a negative timeout or grace period (other than -1, infinite).</summary>
    InvalidStopTime = 43,

    /// <summary>SPAWN0050, blocks: a <c>[Pipe]</c> spec that does not return ExitStatus or PipelineStatus, or a PipelineStatus return without <c>[Pipe]</c>.</summary>
    PipelineReturnType = 50,

    /// <summary>SPAWN0051, blocks: a PipelineStatus return with more stages than it holds.</summary>
    PipelineTooLong = 51,

    /// <summary>SPAWN0052, blocks: in a pipeline, a file action onto descriptor 0 or 1 other than <c>[StandardInput]</c> / <c>[StandardOutput]</c>, or a closefrom that closes them.</summary>
    PipelineChainBroken = 52,

    /// <summary>SPAWN0053, blocks: <c>[ProcessGroup]</c> or <c>[NewSession]</c> on a pipeline, which has a process group of its own.</summary>
    PipelineProcessGroup = 53,

    /// <summary>SPAWN0054, blocks: in a pipeline, a file every stage opens with O_TRUNC.</summary>
    PipelineTruncatedFile = 54,

    /// <summary>SPAWN0060, blocks: <c>[Sandbox]</c> names no field or property the spec can read.</summary>
    SandboxMemberNotFound = 60,

    /// <summary>SPAWN0061, blocks: <c>[Sandbox]</c> names an instance member.</summary>
    SandboxMemberNotStatic = 61,

    /// <summary>SPAWN0062, blocks: <c>[Sandbox]</c> names a member whose type is not <c>Sandbox</c>.</summary>
    SandboxMemberNotSandbox = 62,
}
