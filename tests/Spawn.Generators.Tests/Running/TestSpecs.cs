using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Specs;
using Spawn.Streams;

namespace Spawn.Generators.Tests.Running;

internal enum Color
{
    Red,
    Green,
}

internal enum Keyword
{
    @class,
    @default,
}

/// <summary>The [SpawnSpec] methods this project's own build generates and the tests run.</summary>
internal static partial class TestSpecs
{
    [SpawnSpec("/bin/sh", "-c", "exit $0", "{code}", SearchPath = false)]
    public static partial ExitStatus ExitWith(int code);

    [SpawnSpec("/bin/sh", "-c", "test \"$0\" = \"$1\"", "{text}", "{span}", SearchPath = false)]
    public static partial ExitStatus CompareTexts(string text, ReadOnlySpan<char> span);

    [SpawnSpec("true")]
    public static partial int StartTrue();

    [SpawnSpec("/bin/sh", "-c", "test \"$LEVEL\" = \"$0\" && test -z \"$LANGUAGE\" && test \"$PWD\" = /", "{level}", SearchPath = false)]
    [RemoveEnvironment("LANGUAGE")]
    [SetEnvironment("LEVEL", "{level}")]
    [Chdir("/")]
    [StandardOutput(Redirect.Null)]
    [NewSession]
    public static partial ExitStatus CheckEnvironmentAndFolder(int level);

    [SpawnSpec("printf", "%s\\n", "{text}", "-n{count}", "{color}", "{utf8}", "{?verbose}--verbose", "{?quiet}--quiet", "{rest...}")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintArguments(string text, long count, Color color, ReadOnlySpan<byte> utf8, bool verbose, bool quiet, string[] rest, out Stream stdout);

    [SpawnSpec("/usr/bin/env", SearchPath = false)]
    [ClearEnvironment]
    [SetEnvironment("GREETING", "hello {name}")]
    [SetEnvironment("LANG", "C")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintCleanEnvironment(string name, out Stream stdout);

    [SpawnSpec("/usr/bin/env", SearchPath = false)]
    [RemoveEnvironment("PATH")]
    [SetEnvironment("HOME", "/nowhere")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintChangedEnvironment(out Stream stdout);

    [SpawnSpec("/bin/sh", "-c", "cat <&3 >&4 && pwd >&4", SearchPath = false)]
    [OpenFile(3, "{input}", OpenFlags.O_RDONLY)]
    [Dup2("{output}", 4)]
    [Chdir("{folder}")]
    [StandardOutput(Redirect.Null)]
    public static partial ExitStatus CopyThroughDescriptors(string input, SafeFileHandle output, string folder);

    [SpawnSpec("/bin/cat", "/proc/self/cgroup", SearchPath = false)]
    [Cgroup("{scope}")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintCgroup(Cgroup scope, out Stream stdout);

    // awk reads its own /proc/self/stat: field 1 is the pid, 5 the process group, 6 the session.
    [SpawnSpec("awk", "{{ exit !($6 == $1 && $5 == $1) }}", "/proc/self/stat")]
    [NewSession]
    public static partial ExitStatus LeadsNewSession();

    [SpawnSpec("/bin/sh", "-c", "exit 7", SearchPath = false)]
    public static partial ValueTask<ExitStatus> ExitSevenAsync(CancellationToken cancellationToken);

    [SpawnSpec("/bin/cat", SearchPath = false)]
    [StandardInput(Redirect.Pipe)]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd Cat(out Stream stdin, out SafeFileHandle stdout);

    [SpawnSpec("renamed-zero", "-c", "printf %s \"$0\"", Program = "/bin/sh", SearchPath = false)]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintArgumentZero(out Stream stdout);

    // SigBlk is the blocked mask, in hex, bit (n - 1) for signal n.
    [SpawnSpec("awk", "/^SigBlk/ {{ print $2 }}", "/proc/self/status")]
    [SignalMask(Signals.SIGUSR1, Signals.SIGTERM)]
    [ProcessGroup("{group}")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintBlockedSignals(int group, out Stream stdout);

    [SpawnSpec("awk", "{{ exit !($5 == $1) }}", "/proc/self/stat")]
    [ProcessGroup(0)]
    public static partial ExitStatus LeadsNewProcessGroup();

    [SpawnSpec("/bin/cat", "/proc/self/cgroup", SearchPath = false)]
    [Cgroup("{cgroupFd}")]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd PrintCgroupOfDescriptor(int cgroupFd, out Stream stdout);

    [SpawnSpec("/nonexistent/spawn-test-program", SearchPath = false)]
    public static partial ExitStatus RunMissingProgram();

    [SpawnSpec("/bin/sh", "-c", "printf %s \"$0\"; printf %s \"$1\" >&2; exit 3", "{output}", "{error}", SearchPath = false)]
    [StandardInput(Redirect.Null)]
    public static partial CapturedOutput Capture(string output, string error);

    // More than a pipe holds on each stream, stderr first: a reader of stdout alone would never see its end.
    [SpawnSpec("/bin/sh", "-c", "head -c $0 /dev/zero | tr '\\0' e >&2; head -c $0 /dev/zero | tr '\\0' o", "{bytes}", SearchPath = false)]
    public static partial CapturedOutput CaptureLarge(int bytes);

    [SpawnSpec("sort")]
    [StandardInput(Redirect.Pipe)]
    public static partial ValueTask<CapturedOutput> SortAsync(out Stream stdin, CancellationToken cancellationToken);

    [SpawnSpec("sleep", "{seconds}")]
    public static partial ValueTask<CapturedOutput> SleepCapturedAsync(int seconds, CancellationToken cancellationToken);

    // fd 5 opened, then copied to 7 (dup2 of a constant); the child writes through 7 only.
    [SpawnSpec("/bin/sh", "-c", "printf copied >&7", SearchPath = false)]
    [OpenFile(5, "{path}", OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [Dup2(5, 7)]
    public static partial ExitStatus WriteThroughCopiedDescriptor(string path);

    [SpawnSpec("/bin/sh", "-c", "test -e /proc/self/fd/$0", "{fd}", SearchPath = false)]
    public static partial ExitStatus HasDescriptor(int fd);

    [SpawnSpec("/bin/sh", "-c", "test -e /proc/self/fd/$0", "{fd}", SearchPath = false)]
    [CloseFrom(3)]
    public static partial ExitStatus HasDescriptorAfterCloseFrom(int fd);

    [SpawnSpec("/bin/sh", "-c", "exit 0", "{label}", SearchPath = false)]
    public static partial ExitStatus WithLabel(string? label);

    [SpawnSpec("/bin/sh", "-c", "test \"$0\" = class && test $1 = 12", "{class}", "{count}", SearchPath = false)]
    public static partial ExitStatus PassKeywordAndIn(Keyword @class, in int count);

    [SpawnSpec("/bin/sh", "-c", "exit 5", SearchPath = false)]
    public static partial ValueTask<ExitStatus> ExitFiveAsync();

    [SpawnSpec("true")]
    public static partial PidFd StartTrueChild();

    // Groups first, then the group, then the user: each step needs the privileges the next one drops.
    [SpawnSpec("/bin/sleep", "30", SearchPath = false)]
    [SetGroups(65534)]
    [SetGid(65534)]
    [SetUid("{uid}")]
    [NoNewPrivileges]
    [Umask(UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    [ResourceLimit(7, 64, 128)]
    public static partial PidFd SleepAs(uint uid);

    [SpawnSpec("/bin/sleep", "30", SearchPath = false)]
    [Unshare(Namespaces.CLONE_NEWNET)]
    public static partial PidFd SleepInNewNetwork();

    [SpawnSpec("/bin/sleep", "30", SearchPath = false)]
    [SetNs("{network}", Namespaces.CLONE_NEWNET)]
    public static partial PidFd SleepInNetwork(SafeFileHandle network);

    // Constant steps that need no privilege; the shell checks the two it can see.
    [SpawnSpec("/bin/sh", "-c", "test \"$(umask)\" = 0027 && test \"$(ulimit -n)\" = 64", SearchPath = false)]
    [Umask(UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    [ResourceLimit(7, 64, 128)]
    [NoNewPrivileges]
    [ParentDeathSignal(Signals.SIGKILL)]
    public static partial ExitStatus CheckConstantSteps();

    // Every step constant: the groups' and the limit's data come from stackalloc, nothing from the heap.
    [SpawnSpec("/bin/sh", "-c", "test \"$(id -u):$(id -g):$(id -G):$(umask)\" = 65534:65534:65534:0027", SearchPath = false)]
    [SetGroups(65534)]
    [SetGid(65534)]
    [SetUid(65534)]
    [NoNewPrivileges]
    [Umask(UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    [ResourceLimit(7, 64, 128)]
    public static partial ExitStatus CheckConstantCredentials();

    // The wrong order: once the user is nobody, the group can no longer change.
    [SpawnSpec("/bin/true", SearchPath = false)]
    [SetUid(65534)]
    [SetGid(65534)]
    public static partial ExitStatus SetGidAfterSetUid();

    [SpawnSpec("/bin/true", SearchPath = false)]
    [Umask(0)]
    [Chroot("/nonexistent-spawn-root/{name}")]
    public static partial ExitStatus ChrootInto(string name);
}
