using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Specs;

namespace Spawn.Generators.Tests.Running;

/// <summary>The [Pipe] pipelines this project's own build generates and the tests run.</summary>
internal static partial class PipelineSpecs
{
    [SpawnSpec("head", "-c", "{size}", "/dev/zero")]
    [Pipe("gzip", "-1")]
    [Pipe("wc", "-c")]
    [StandardOutput("{countFile}")]
    public static partial ExitStatus CompressedSize(long size, string countFile);

    [SpawnSpec("head", "-c", "{size}", "/dev/zero")]
    [Pipe("gzip", "-1")]
    [Pipe("wc", "-c")]
    [StandardOutput("{countFile}")]
    public static partial PipelineStatus CompressedSizeStages(long size, string countFile);

    // The middle stage reads everything, then fails; the last one succeeds.
    [SpawnSpec("/bin/sh", "-c", "echo one; echo two", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cat; exit $0", "{code}", SearchPath = false)]
    [Pipe("cat")]
    [StandardOutput(Redirect.Null)]
    public static partial ExitStatus FailInTheMiddle(int code);

    [SpawnSpec("/bin/sh", "-c", "echo one; echo two", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cat; exit $0", "{code}", SearchPath = false)]
    [Pipe("cat")]
    [StandardOutput(Redirect.Null)]
    public static partial PipelineStatus FailInTheMiddleStages(int code);

    // yes never ends by itself: it ends by SIGPIPE once head has gone, if SIGPIPE is at its default.
    [SpawnSpec("yes")]
    [Pipe("head", "-n", "1")]
    [StandardOutput(Redirect.Null)]
    public static partial PipelineStatus YesHead();

    // Stage 1 would run for a long time; stage 2 cannot be executed.
    [SpawnSpec("sleep", "100")]
    [Pipe("/nonexistent/{name}", SearchPath = false)]
    [Pipe("cat")]
    public static partial ExitStatus MissingMiddle(string name);

    [SpawnSpec("/nonexistent/first", SearchPath = false)]
    [Pipe("cat")]
    public static partial PipelineStatus MissingFirst();

    // Each stage lists the descriptors it was given (ls is a child of the shell without a redirection of its own) down the pipeline.
    [SpawnSpec("/bin/sh", "-c", "echo stage 1; ls -l /proc/self/fd", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cat; echo stage 2; ls -l /proc/self/fd", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cat; echo stage 3; ls -l /proc/self/fd", SearchPath = false)]
    [StandardInput(Redirect.Null)]
    [StandardOutput("{file}")]
    public static partial ExitStatus ListDescriptors(string file);

    // The same job through a shell, to compare with.
    [SpawnSpec("/bin/sh", "-c", "head -c \"$0\" /dev/zero | gzip -1 | wc -c > \"$1\"", "{size}", "{countFile}", SearchPath = false)]
    public static partial ExitStatus CompressedSizeInShell(long size, string countFile);

    // Every stage writes its process group and stderr into the same handle; stdin to the first, stdout from the last.
    [SpawnSpec("/bin/sh", "-c", "cut -d ' ' -f 5 /proc/$$/stat >&2; cat", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cut -d ' ' -f 5 /proc/$$/stat >&2; echo \"note $STAGE_NOTE\" >&2; tr a-z A-Z", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cut -d ' ' -f 5 /proc/$$/stat >&2; cat", SearchPath = false)]
    [StandardInput("{input}")]
    [StandardOutput("{output}")]
    [StandardError("{errors}")]
    [SetEnvironment("STAGE_NOTE", "{note}")]
    public static partial PipelineStatus Shout(string input, string output, SafeFileHandle errors, string note);

    // Each stage appends its own cgroup to what the stage before wrote.
    [SpawnSpec("/bin/cat", "/proc/self/cgroup", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "cat; cat /proc/self/cgroup", SearchPath = false)]
    [StandardOutput("{file}")]
    [Cgroup("{scope}")]
    public static partial ExitStatus PrintCgroups(Cgroup scope, string file);
}
