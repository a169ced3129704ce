using System.Threading;
using System.Threading.Tasks;
using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

namespace Spawn.Generators.Tests.Snapshots;

public partial class Outer
{
    internal partial record struct Jobs
    {
        [SpawnSpec("make", "-j{jobs}")]
        [Cgroup("{scope}")]
        public static partial ValueTask<ExitStatus> Build(byte jobs, Cgroup scope, CancellationToken cancellationToken);

        [SpawnSpec("worker")]
        [Cgroup("{cgroupFd}")]
        private static partial ValueTask<ExitStatus> Start(int cgroupFd);
    }
}
