namespace Spawn.Specs.Models;

/// <summary>
/// One file action or child step in the child's order. <see cref="Source"/> names a descriptor,
/// pipe or id parameter; <see cref="Path"/> is the template of open, chdir and chroot;
/// <see cref="Flags"/> holds open's flags, setns's type, unshare's flags, setrlimit's resource or
/// the parent-death signal; <see cref="Mode"/> open's mode, a uid, gid or umask (its bits);
/// <see cref="Values"/> setgroups' ids or setrlimit's soft and hard limits.
/// </summary>
internal sealed record FileActionModel(
    FileActionKind Kind,
    int Fd,
    int SourceFd,
    string? Source,
    TemplateModel? Path,
    int Flags,
    int Mode,
    EquatableArray<ulong> Values = default)
{
    /// <summary>The attribute the action comes from, as written (on one line), for the comment above
    /// its emitted step; null for the pipes of a captured output, which no attribute asks for.</summary>
    public string? AttributeText { get; init; }
}

/// <summary>The file actions and child steps of the C core, plus the pipe a stdio redirection creates.</summary>
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

    /// <summary><c>setns(fd, nstype)</c>.</summary>
    SetNs = 8,

    /// <summary><c>unshare(flags)</c>.</summary>
    Unshare = 9,

    /// <summary><c>setgroups(count, groups)</c>.</summary>
    SetGroups = 10,

    /// <summary><c>setresgid(gid, gid, gid)</c>.</summary>
    SetGid = 11,

    /// <summary><c>setresuid(uid, uid, uid)</c>.</summary>
    SetUid = 12,

    /// <summary><c>chroot(path)</c>.</summary>
    Chroot = 13,

    /// <summary><c>prctl(PR_SET_PDEATHSIG, signal)</c>.</summary>
    ParentDeathSignal = 14,

    /// <summary><c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c>.</summary>
    NoNewPrivileges = 15,

    /// <summary><c>setrlimit(resource, {soft, hard})</c>.</summary>
    ResourceLimit = 16,

    /// <summary><c>umask(mask)</c>.</summary>
    Umask = 17,

    /// <summary><c>setsid</c>, <c>ioctl(TIOCSCTTY)</c>, the follower on the descriptors of <see cref="FileActionModel.Flags"/>' bits (bit n: descriptor n); <see cref="FileActionModel.Source"/> is the <c>out Terminal</c> parameter.</summary>
    ControllingTerminal = 18,

    /// <summary>A new pipe whose child end is <c>dup2</c>'d onto <see cref="FileActionModel.Fd"/>.</summary>
    Pipe = 100,

    /// <summary>A pipe like <see cref="Pipe"/> whose parent end the method itself reads to the end (a <c>CapturedOutput</c> return).</summary>
    Capture = 101,

    /// <summary>A <c>dup2</c> of a pipeline link's end onto 0 or 1; <see cref="FileActionModel.SourceFd"/> is the end's index among the links.</summary>
    Link = 102,
}
