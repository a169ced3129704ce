using Spawn.Cgroups;
using Spawn.Specs;
using Spawn.Terminals;

namespace Spawn.Generators.Tests.Running;

/// <summary>The [Terminal] specs the terminal tests run; each prints what it checks on the terminal.</summary>
internal static partial class TerminalSpecs
{
    [SpawnSpec("/bin/sh", "-c", "tty; stty size; test -t 0 -a -t 1 -a -t 2 && echo all-three", SearchPath = false)]
    [Terminal(Rows = 33, Columns = 111)]
    public static partial PidFd ShowTerminal(out Terminal terminal);

    [SpawnSpec("/bin/sh", "-c", "stty -a", SearchPath = false)]
    [Terminal(Raw = true, Echo = false)]
    public static partial PidFd ShowRawModes(out Terminal terminal);

    // ls runs as a child of the shell and lists the shell's descriptors: only 0, 1 and 2 should be there.
    [SpawnSpec("/bin/sh", "-c", "ls -l /proc/$$/fd", SearchPath = false)]
    [Terminal]
    public static partial PidFd ListShellDescriptors(out Terminal terminal);

    [SpawnSpec("/bin/sh", "-c", "test -t 0 -a -t 1 && ! test -t 2 && echo on-the-pipe >&2 && echo on-the-terminal", SearchPath = false)]
    [Terminal]
    [StandardError(Redirect.Pipe)]
    public static partial ValueTask<ExitStatus> SplitStandardErrorAsync(out Terminal terminal, out Stream stderr);

    [SpawnSpec("/bin/sh", "-c", "id -u; cat /proc/self/cgroup; test -t 0 -a -t 1 -a -t 2 && echo all-three", SearchPath = false)]
    [Terminal]
    [Cgroup("{cgroup}")]
    [SetGroups]
    [SetGid(65534u)]
    [SetUid(65534u)]
    [ParentDeathSignal(Signals.SIGKILL)]
    public static partial PidFd RunAsNobodyInCgroup(Cgroup cgroup, out Terminal terminal);

    [SpawnSpec("/bin/true", SearchPath = false)]
    [Terminal]
    [Chdir("/nonexistent-spawn-terminal-spec")]
    public static partial PidFd FailAfterTheTerminalStep(out Terminal terminal);

    [SpawnSpec("/nonexistent/spawn-terminal-spec", SearchPath = false)]
    [Terminal]
    public static partial int RunMissingProgram(out Terminal terminal);

    [SpawnSpec("/bin/true", SearchPath = false)]
    [Terminal]
    public static partial int StartTrue(out Terminal terminal);

    [SpawnSpec("/bin/true", SearchPath = false)]
    [Terminal]
    public static partial PidFd StartTrueChild(out Terminal terminal);
}
