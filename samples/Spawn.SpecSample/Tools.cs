using Spawn.Cgroups;
using Spawn.Specs;
using Spawn.Streams;
using Spawn;

namespace Spawn.SpecSample;

/// <summary>The programs this sample runs, declared once; the generator writes every body.</summary>
internal static partial class Tools
{
    // A git query: argv built from two parameters, stdout handed back as a pipe.
    [SpawnSpec("git", "-C", "{repository}", "log", "-n", "{count}", "--format=%h %s")]
    [StandardOutput(Redirect.Pipe)]
    [StandardError(Redirect.Null)]
    public static partial PidFd GitLog(string repository, int count, out Stream stdout);

    // The same repository's HEAD, captured: stdout and stderr read to their end, then the wait.
    [SpawnSpec("git", "-C", "{repository}", "rev-parse", "--short", "HEAD")]
    [StandardInput(Redirect.Null)]
    public static partial CapturedOutput Head(string repository);

    // A compressor between two pipes: we feed stdin and read stdout at the same time.
    [SpawnSpec("gzip", "-c", "-{level}")]
    [StandardInput(Redirect.Pipe)]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd Compress(int level, out Stream stdin, out Stream stdout);

    [SpawnSpec("gzip", "-d", "-c")]
    [StandardInput(Redirect.Pipe)]
    [StandardOutput(Redirect.Pipe)]
    public static partial PidFd Decompress(out Stream stdin, out Stream stdout);

    // A worker born inside a cgroup (CLONE_INTO_CGROUP), in a session of its own, with a clean
    // environment, awaited without blocking a thread.
    // The shell reads its own /proc/self/cgroup; "0::" is the cgroup2 line. Braces are doubled: a
    // single one would start a placeholder.
    [SpawnSpec("/bin/sh", "-c", "while read -r line; do case $line in 0::*) echo \"worker $JOB in ${{line#0::}}\";; esac; done < /proc/self/cgroup", SearchPath = false)]
    [Cgroup("{scope}")]
    [NewSession]
    [ClearEnvironment]
    [SetEnvironment("JOB", "{job}")]
    public static partial ValueTask<ExitStatus> Worker(Cgroup scope, string job, CancellationToken cancellationToken);
}
