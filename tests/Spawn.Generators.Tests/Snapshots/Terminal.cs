using System.IO;
using System.Threading.Tasks;
using Spawn; using Spawn.Cgroups; using Spawn.Specs; using Spawn.Terminals;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Terminals
{
    [SpawnSpec("sh", "-i")]
    [Terminal(Rows = 40, Columns = 120)]
    public static partial PidFd Shell(out Terminal terminal);

    [SpawnSpec("make", "{target}")]
    [Terminal(Raw = true, Echo = false)]
    [StandardError(Redirect.Pipe)]
    [Cgroup("{cgroup}")]
    [SetUid(65534u)]
    [ParentDeathSignal(Signals.SIGKILL)]
    public static partial ValueTask<ExitStatus> Build(string target, Cgroup cgroup, out Terminal @out, out Stream stderr);

    [SpawnSpec("cat")]
    [Terminal]
    [StandardOutput(Redirect.Null)]
    [NewSession]
    public static partial int Feed(out Terminal terminal);
}
