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

    /// <summary>SPAWN0060, blocks: <c>[Sandbox]</c> names no field or property the spec can read.</summary>
    SandboxMemberNotFound = 60,

    /// <summary>SPAWN0061, blocks: <c>[Sandbox]</c> names an instance member.</summary>
    SandboxMemberNotStatic = 61,

    /// <summary>SPAWN0062, blocks: <c>[Sandbox]</c> names a member whose type is not <c>Sandbox</c>.</summary>
    SandboxMemberNotSandbox = 62,
}
