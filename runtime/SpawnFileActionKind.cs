using Spawn.Forking;
namespace Spawn;

/// <summary>
/// What a file action does: the <c>posix_spawn_file_actions_add*</c> family, then the steps of the
/// fork child toolkit (<see cref="ForkChild"/>) that the C core carries out before exec.
/// </summary>
public enum SpawnFileActionKind
{
    /// <summary><c>posix_spawn_file_actions_addopen</c>.</summary>
    Open = 1,
    /// <summary><c>posix_spawn_file_actions_addclose</c>.</summary>
    Close = 2,
    /// <summary><c>posix_spawn_file_actions_adddup2</c>.</summary>
    Dup2 = 3,
    /// <summary><c>posix_spawn_file_actions_addchdir_np</c>.</summary>
    Chdir = 4,
    /// <summary><c>posix_spawn_file_actions_addfchdir_np</c>.</summary>
    Fchdir = 5,
    /// <summary><c>posix_spawn_file_actions_addclosefrom_np</c>.</summary>
    CloseFrom = 6,
    /// <summary><c>posix_spawn_file_actions_addtcsetpgrp_np</c>.</summary>
    TcSetPgrp = 7,
    /// <summary><c>setns(fd, nstype)</c>: join a namespace.</summary>
    SetNs = 8,
    /// <summary><c>unshare(flags)</c>: new namespaces for the child.</summary>
    Unshare = 9,
    /// <summary><c>setgroups</c>: the supplementary groups.</summary>
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
    /// <summary><c>setrlimit(resource, {soft, hard})</c> (<c>prlimit64</c>).</summary>
    ResourceLimit = 16,
    /// <summary><c>umask(mask)</c>.</summary>
    Umask = 17,
    /// <summary><c>setsid</c>, <c>ioctl(fd, TIOCSCTTY, 0)</c>, then <c>dup2</c> of the terminal onto
    /// a chosen subset of descriptors 0, 1 and 2: the terminal becomes the child's controlling one.</summary>
    ControllingTerminal = 18,
    /// <summary><c>landlock_restrict_self(fd, flags)</c>: the Landlock ruleset the parent built (see <see cref="Sandboxing.LandlockRuleset"/>).</summary>
    Landlock = 24,
    /// <summary><c>seccomp(SECCOMP_SET_MODE_FILTER, flags, program)</c>: a classic BPF filter (see <see cref="Sandboxing.SeccompFilter"/>).</summary>
    Seccomp = 25,
    /// <summary><c>prctl(PR_CAPBSET_DROP)</c>, <c>prctl(PR_CAP_AMBIENT_CLEAR_ALL)</c> and <c>capset</c>: the capabilities kept.</summary>
    Capabilities = 26,
}
