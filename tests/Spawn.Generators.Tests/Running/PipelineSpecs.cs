using Microsoft.Win32.SafeHandles;
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

    // Each stage lists its own descriptors (the shell's: the ls is its child, with its own stdout) into a file of its own.
    [SpawnSpec("/bin/sh", "-c", "ls -l /proc/$$/fd > \"$0\"; cat", "{folder}/1", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "ls -l /proc/$$/fd > \"$0\"; cat", "{folder}/2", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "ls -l /proc/$$/fd > \"$0\"; cat", "{folder}/3", SearchPath = false)]
    [StandardInput(Redirect.Null)]
    [StandardOutput(Redirect.Null)]
    public static partial ExitStatus ListDescriptors(string folder);

    // Every stage writes its process group and stderr into the same handle; stdin to the first, stdout from the last.
    [SpawnSpec("/bin/sh", "-c", "ps -o pgid= -p $$ >&2; cat", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "ps -o pgid= -p $$ >&2; tr a-z A-Z", SearchPath = false)]
    [Pipe("/bin/sh", "-c", "ps -o pgid= -p $$ >&2; cat", SearchPath = false)]
    [StandardInput("{input}")]
    [StandardOutput("{output}")]
    [StandardError("{errors}")]
    [SetEnvironment("STAGE_NOTE", "{note}")]
    public static partial PipelineStatus Shout(string input, string output, SafeFileHandle errors, string note);
}
