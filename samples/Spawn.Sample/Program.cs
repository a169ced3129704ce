// The Spawn sample: creates a fresh cgroup, starts a shell born inside it (clone3 with
// CLONE_INTO_CGROUP through pidfd_spawnp), and shows what the child saw, through a pipe.
using System.IO.Pipes;
using Spawn;
using Spawn.Cgroups;

if (!PidFd.IsSupported)
{
    Console.Error.WriteLine("This kernel lacks complete pidfd support (Linux 5.4+ is needed).");
    return 2;
}

string mount = Cgroup.Cgroup2Mount;
Console.WriteLine($"cgroup2 mount:      {mount} (from /proc/self/mountinfo)");

using Cgroup root = Cgroup.Open(mount);
using Cgroup cgroup = root.CreateChild($"spawn-sample-{Environment.ProcessId}");
Console.WriteLine($"created cgroup:     {cgroup.Path}");
try
{
    return RunChildIn(cgroup, mount);
}
finally
{
    RemoveCgroup(cgroup);
}

static int RunChildIn(Cgroup cgroup, string mount)
{
    // The shell reads /proc/self/cgroup with its own builtins, so the line is what the spawned
    // process itself sees, not a later child of it. Only the cgroup2 line ("0::") is shown.
    const string script = """
        while IFS= read -r line; do
            case $line in 0::*) echo "child sees cgroup: ${line#0::}";; esac
        done < /proc/self/cgroup
        echo "hello from pid $$"
        exit 7
        """;

    using var output = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
    using var attributes = new SpawnAttributes { Cgroup = cgroup.Handle };
    int pipeWriteEnd = (int)output.ClientSafePipeHandle.DangerousGetHandle();
    var actions = new SpawnFileActions()
        .AddDup2(pipeWriteEnd, 1)
        .AddDup2(pipeWriteEnd, 2);

    using PidFd child = Spawner.PidFdSpawnP("sh", actions, attributes, ["sh", "-c", script], null);
    // Our copy of the write end must go, or the read below would never see the end of the output.
    output.DisposeLocalCopyOfClientHandle();
    Console.WriteLine($"spawned sh:         pid {child.GetPid()} (pidfd_getpid of the pidfd)");

    using var reader = new StreamReader(output);
    string childOutput = reader.ReadToEnd();
    ExitStatus status = child.WaitForExit();

    foreach (string line in childOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        Console.WriteLine($"  | {line}");
    Console.WriteLine($"exit status:        {status}");
    // cpu.stat needs no controller: it is there in every cgroup2 folder, this machine's included.
    Console.WriteLine($"accounting:         ran sh, used {cgroup.CpuStat.Usage.TotalMilliseconds:0.###} ms of CPU (cpu.stat of its cgroup)");

    string expected = cgroup.Path[mount.TrimEnd('/').Length..];
    bool bornInside = childOutput.Contains($"child sees cgroup: {expected}\n", StringComparison.Ordinal);
    Console.WriteLine(bornInside
        ? $"the child ran inside {expected}, placed there at birth (CLONE_INTO_CGROUP)"
        : $"UNEXPECTED: the child did not report {expected}");
    return bornInside && status.Exited && status.ExitCode == 7 ? 0 : 1;
}

static void RemoveCgroup(Cgroup cgroup)
{
    // On a failure the child may still run: kill everything in the cgroup before removing it.
    if (cgroup.IsPopulated)
    {
        cgroup.Kill();
        cgroup.WaitUntilEmpty(TimeSpan.FromSeconds(5));
    }
    cgroup.Delete();
    Console.WriteLine($"removed cgroup:     {cgroup.Path}");
}
