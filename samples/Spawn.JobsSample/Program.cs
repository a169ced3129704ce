// The everyday-jobs sample (Spawn.Commands): a pipeline, a build log streamed line by line under a
// timeout with a graceful stop, and a job that dies with the process that started it.
using System.Globalization;
using Spawn;
using Spawn.Commands;

if (args is ["--start-and-wait"])
    return await StartAndWaitAsync();

if (!PidFd.IsSupported)
{
    Console.Error.WriteLine("This kernel lacks complete pidfd support (Linux 5.4+ is needed).");
    return 2;
}

bool ok = await PipelineAsync() & await StreamedBuildLogAsync() & await KillOnParentExitAsync();
return ok ? 0 : 1;

// 1. `head -c 64M /dev/zero | gzip -1 | wc -c` as one job: three pidfds, one process group, pipefail.
static async Task<bool> PipelineAsync()
{
    Pipeline pipeline = new Command("head", "-c", "64M", "/dev/zero") | new Command("gzip", "-1") | new Command("wc", "-c");
    JobOutput result = await pipeline.CaptureAsync();
    Console.WriteLine($"pipeline:           {pipeline}");
    Console.WriteLine($"  compressed size:  {result.StandardOutput.Trim()} bytes");
    Console.WriteLine($"  stages:           {string.Join("; ", result.Stages)}");
    Console.WriteLine($"  overall:          {result.Status} (pipefail)");
    return result.Succeeded;
}

// 2. A "build" that logs to stdout and stderr and would run for a minute: streamed line by line, and
// stopped after two seconds with SIGTERM, which its trap handles; SIGKILL would follow a grace period.
static async Task<bool> StreamedBuildLogAsync()
{
    const string build = """
        trap 'echo "build: interrupted, cleaning up" >&2; exit 130' TERM
        for step in $(seq 1 60); do echo "compiling unit $step"; [ $((step % 3)) = 0 ] && echo "warning: unit $step is slow" >&2; sleep 0.4; done
        """;
    var command = new Command("sh", "-c", build)
    {
        Timeout = TimeSpan.FromSeconds(2),
        Stop = new StopPolicy { Signal = Signals.SIGTERM, GracePeriod = TimeSpan.FromSeconds(3) },
    };
    Console.WriteLine("streamed build log: sh -c '<a minute of compiling>', timeout 2 s");
    try
    {
        await foreach (OutputLine line in command.ReadLinesAsync())
            Console.WriteLine($"  {(line.Source == OutputSource.Error ? "err" : "out")} | {line.Text}");
        Console.WriteLine("UNEXPECTED: the build finished");
        return false;
    }
    catch (JobStoppedException stopped)
    {
        Console.WriteLine($"  stopped:          {stopped.Reason}, {Signals.Name(stopped.Result.StopSignal)}, "
                          + $"{(stopped.Result.Killed ? "then SIGKILL" : "ended within its grace period")}: {stopped.Result.Status}");
        return stopped.Reason == StopReason.Timeout && stopped.Result.Status.ExitCode == 130;
    }
}

// 3. This sample starts a copy of itself, which starts `sleep 1000` with KillOnParentExit from a
// thread-pool thread and reports its pid; the copy is then killed with SIGKILL, and the sleep dies with it.
static async Task<bool> KillOnParentExitAsync()
{
    string self = Environment.ProcessPath!;
    string[] arguments = Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? [typeof(Program).Assembly.Location, "--start-and-wait"] : ["--start-and-wait"];
    var copy = new Command(self, arguments) { Stop = new StopPolicy { Signal = Signals.SIGKILL, Scope = StopScope.Process } };
    using var started = new CancellationTokenSource();
    int sleepPid = 0;
    try
    {
        await foreach (OutputLine line in copy.ReadLinesAsync(started.Token))
        {
            if (line.Text.StartsWith("job ", StringComparison.Ordinal))
            {
                sleepPid = int.Parse(line.Text["job ".Length..], CultureInfo.InvariantCulture);
                await started.CancelAsync();
            }
        }
    }
    catch (JobStoppedException stopped)
    {
        Console.WriteLine($"kill on parent exit: the copy of this sample started sleep (pid {sleepPid}); the copy was {stopped.Result.Status}");
    }
    for (int i = 0; i < 100 && IsAlive(sleepPid); i++)
        await Task.Delay(50);
    bool died = sleepPid != 0 && !IsAlive(sleepPid);
    Console.WriteLine(died ? $"  sleep {sleepPid} died with it (PR_SET_PDEATHSIG, set from Spawn's spawning thread)"
                           : $"UNEXPECTED: sleep {sleepPid} outlived the process that started it");
    return died;
}

// Zombies waiting for init to reap them are dead too.
static bool IsAlive(int pid) =>
    File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

static async Task<int> StartAndWaitAsync()
{
    await Task.Yield(); // on a thread-pool thread now, as async code is
    await new Command("sh", "-c", "echo job $$; exec sleep 1000") { KillOnParentExit = true }.RunAsync();
    return 0;
}
