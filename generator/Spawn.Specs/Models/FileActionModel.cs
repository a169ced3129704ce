namespace Spawn.Specs.Models;

/// <summary>
/// One file action in the child's order. <see cref="Source"/> names a descriptor or pipe
/// parameter; <see cref="Path"/> is the template of open and chdir.
/// </summary>
internal sealed record FileActionModel(
    FileActionKind Kind,
    int Fd,
    int SourceFd,
    string? Source,
    TemplateModel? Path,
    int Flags,
    int Mode);

/// <summary>The file actions of the C core, plus the pipe a stdio redirection creates.</summary>
internal enum FileActionKind
{
    /// <summary><c>addopen</c>.</summary>
    Open = 1,

    /// <summary><c>addclose</c>.</summary>
    Close = 2,

    /// <summary><c>adddup2</c>.</summary>
    Dup2 = 3,

    /// <summary><c>addchdir_np</c>.</summary>
    Chdir = 4,

    /// <summary><c>addfchdir_np</c>.</summary>
    Fchdir = 5,

    /// <summary><c>addclosefrom_np</c>.</summary>
    CloseFrom = 6,

    /// <summary><c>addtcsetpgrp_np</c>.</summary>
    TcSetPgrp = 7,

    /// <summary>A new pipe whose child end is <c>dup2</c>'d onto <see cref="FileActionModel.Fd"/>.</summary>
    Pipe = 100,

    /// <summary>A pipe like <see cref="Pipe"/> whose parent end the method itself reads to the end (a <c>CapturedOutput</c> return).</summary>
    Capture = 101,
}
