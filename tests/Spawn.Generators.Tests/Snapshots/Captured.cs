using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public static partial class Queries
{
    [SpawnSpec("git", "rev-parse", "HEAD")]
    [StandardInput(Redirect.Null)]
    public static partial CapturedOutput Head();

    [SpawnSpec("sort")]
    [StandardInput(Redirect.Pipe)]
    public static partial ValueTask<CapturedOutput> Sort(out Stream stdin, CancellationToken cancellationToken);
}
