using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// One file action or child step: <c>spawn_file_action</c> of <c>spawn_core.h</c> (32 bytes).
/// <see cref="Kind"/> says which; the rest is C's union, whose view of the same name (open, dup2,
/// setns, credential ...) says what each place carries. Build one with the factory of its kind
/// (<see cref="Open"/>, <see cref="SetUid"/>, <see cref="ResourceLimit"/> ...), which writes the
/// places that kind's view reads, so that a uid is never written as a mode or a signal as flags.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public readonly unsafe struct NativeFileAction
{
    /// <summary>What the action does.</summary>
    public readonly SpawnFileActionKind Kind;

    /// <summary>The target descriptor: open's, close's, dup2's new one, fchdir's, closefrom's lowest,
    /// tcsetpgrp's terminal, setns's namespace; 0 for the kinds without one.</summary>
    public readonly int Fd;

    // The union's places, named for no view because each serves several (spawn_core.h lists them):
    // dup2.source_fd at 8; open.flags, setns.nstype, unshare.flags, setgroups.count,
    // setrlimit.resource and pdeathsig.signal at 12; open.mode, credential.id and umask.mask at 16;
    // open.path, folder.path, setgroups.gids and setrlimit.limits at 24.
    private readonly int _sourceFd;
    private readonly int _argument;
    private readonly uint _unsignedArgument;
    private readonly int _reserved;
    private readonly void* _data;

    private NativeFileAction(SpawnFileActionKind kind, int fd = 0, int sourceFd = 0, int argument = 0,
                             uint unsignedArgument = 0, void* data = null)
    {
        Kind = kind;
        Fd = fd;
        _sourceFd = sourceFd;
        _argument = argument;
        _unsignedArgument = unsignedArgument;
        _reserved = 0;
        _data = data;
    }

    /// <summary>The NUL-terminated UTF-8 path of open, chdir and chroot; null for the other kinds
    /// (whose pointer, if any, is numbers: setgroups' ids, setrlimit's limits).</summary>
    public byte* Path => Kind is SpawnFileActionKind.Open or SpawnFileActionKind.Chdir or SpawnFileActionKind.Chroot
        ? (byte*)_data
        : null;

    /// <summary><c>open(path, flags, mode)</c>, moved onto <paramref name="fd"/>.</summary>
    /// <param name="fd">The descriptor the file ends up as.</param>
    /// <param name="path">NUL-terminated UTF-8.</param>
    /// <param name="flags"><see cref="OpenFlags"/> values.</param>
    /// <param name="mode">Permission bits for a created file.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Open(int fd, byte* path, int flags, uint mode) =>
        new(SpawnFileActionKind.Open, fd, argument: flags, unsignedArgument: mode, data: path);

    /// <summary><c>close(fd)</c>; a descriptor that is not open is no error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Close(int fd) => new(SpawnFileActionKind.Close, fd);

    /// <summary><c>dup2(sourceFd, fd)</c>; the same descriptor twice clears its <c>FD_CLOEXEC</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Dup2(int sourceFd, int fd) => new(SpawnFileActionKind.Dup2, fd, sourceFd: sourceFd);

    /// <summary><c>chdir(path)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Chdir(byte* path) => new(SpawnFileActionKind.Chdir, data: path);

    /// <summary><c>fchdir(fd)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Fchdir(int fd) => new(SpawnFileActionKind.Fchdir, fd);

    /// <summary>Closes every descriptor from <paramref name="lowFd"/> up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction CloseFrom(int lowFd) => new(SpawnFileActionKind.CloseFrom, lowFd);

    /// <summary><c>tcsetpgrp(fd, getpgrp())</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction TcSetPgrp(int fd) => new(SpawnFileActionKind.TcSetPgrp, fd);

    /// <summary><c>setns(fd, nsType)</c>.</summary>
    /// <param name="fd">A namespace file or a pidfd.</param>
    /// <param name="nsType">A <c>CLONE_NEW*</c> value of <see cref="Namespaces"/>, or 0 for any.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction SetNs(int fd, int nsType) => new(SpawnFileActionKind.SetNs, fd, argument: nsType);

    /// <summary><c>unshare(flags)</c>.</summary>
    /// <param name="flags"><c>CLONE_*</c> values, e.g. of <see cref="Namespaces"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Unshare(int flags) => new(SpawnFileActionKind.Unshare, argument: flags);

    /// <summary><c>setgroups(count, groups)</c>.</summary>
    /// <param name="count">The number of ids at <paramref name="groups"/>; 0 drops every supplementary group.</param>
    /// <param name="groups"><c>gid_t</c> values, or null when <paramref name="count"/> is 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction SetGroups(int count, uint* groups) =>
        new(SpawnFileActionKind.SetGroups, argument: count, data: groups);

    /// <summary><c>setresgid(gid, gid, gid)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction SetGid(uint gid) => new(SpawnFileActionKind.SetGid, unsignedArgument: gid);

    /// <summary><c>setresuid(uid, uid, uid)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction SetUid(uint uid) => new(SpawnFileActionKind.SetUid, unsignedArgument: uid);

    /// <summary><c>chroot(path)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Chroot(byte* path) => new(SpawnFileActionKind.Chroot, data: path);

    /// <summary><c>prctl(PR_SET_PDEATHSIG, signal)</c>.</summary>
    /// <param name="signal">A <see cref="Signals"/> number.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction ParentDeathSignal(int signal) => new(SpawnFileActionKind.ParentDeathSignal, argument: signal);

    /// <summary><c>prctl(PR_SET_NO_NEW_PRIVS, 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction NoNewPrivileges() => new(SpawnFileActionKind.NoNewPrivileges);

    /// <summary><c>prlimit64(0, resource, limits, NULL)</c>.</summary>
    /// <param name="resource">An <c>RLIMIT_*</c> number.</param>
    /// <param name="limits">The soft and the hard limit, in that order.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction ResourceLimit(int resource, ulong* limits) =>
        new(SpawnFileActionKind.ResourceLimit, argument: resource, data: limits);

    /// <summary><c>umask(mask)</c>.</summary>
    /// <param name="mask">Permission bits (the low nine).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Umask(uint mask) => new(SpawnFileActionKind.Umask, unsignedArgument: mask);

    /// <summary>The terminal step: <c>setsid</c>, <c>ioctl(fd, TIOCSCTTY)</c>, then the terminal onto
    /// the chosen standard descriptors.</summary>
    /// <param name="fd">The terminal's follower side.</param>
    /// <param name="descriptors">Bit n puts the terminal on descriptor n (0, 1, 2).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction ControllingTerminal(int fd, int descriptors) =>
        new(SpawnFileActionKind.ControllingTerminal, fd, argument: descriptors);

    /// <summary><c>landlock_restrict_self(fd, flags)</c>: the sandbox's Landlock step.</summary>
    /// <param name="fd">A Landlock ruleset descriptor.</param>
    /// <param name="flags"><c>LANDLOCK_RESTRICT_SELF_*</c>, usually 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Landlock(int fd, int flags) => new(SpawnFileActionKind.Landlock, fd, argument: flags);

    /// <summary><c>seccomp(SECCOMP_SET_MODE_FILTER, flags, {count, instructions})</c>: the sandbox's seccomp step.</summary>
    /// <param name="count">The number of BPF instructions (8 bytes each) at <paramref name="instructions"/>.</param>
    /// <param name="flags"><c>SECCOMP_FILTER_FLAG_*</c>, usually 0.</param>
    /// <param name="instructions">The program (<c>struct sock_filter[count]</c>), any alignment.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Seccomp(int count, uint flags, byte* instructions) =>
        new(SpawnFileActionKind.Seccomp, argument: count, unsignedArgument: flags, data: instructions);

    /// <summary>The capabilities step: <c>sets[0]</c> kept in the bounding set, <c>sets[1]</c> in the permitted and effective sets.</summary>
    /// <param name="sets">Two 64-bit masks, any alignment.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeFileAction Capabilities(ulong* sets) => new(SpawnFileActionKind.Capabilities, data: sets);

    /// <summary>This action with its pointer (a path, setgroups' ids, setrlimit's limits) set:
    /// <see cref="SpawnFileActions"/> records actions before their text is encoded.</summary>
    internal NativeFileAction WithData(void* data) =>
        new(Kind, Fd, _sourceFd, _argument, _unsignedArgument, data);
}
