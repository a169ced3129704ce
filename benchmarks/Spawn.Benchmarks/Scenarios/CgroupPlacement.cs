using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Cgroups;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// A child born in a cgroup (CLONE_INTO_CGROUP) next to the older way: spawn, then write its pid to
/// the cgroup's cgroup.procs. The cgroup is a temporary child of this process's own, deleted at the end.
/// </summary>
internal static unsafe partial class CgroupPlacement
{
    private const int Esrch = 3;

    public static Section Run(Settings settings)
    {
        string program = NativePrograms.BinTrue;
        using Cgroup parent = Cgroup.OpenCurrent();
        using Cgroup scope = parent.CreateChild($"spawn-benchmark-{Environment.ProcessId}");
        var attributes = (NativeSpawnAttributes*)NativeMemory.AllocZeroed((nuint)sizeof(NativeSpawnAttributes));
        try
        {
            using var spawn = new SpawnMethods(program);
            using var spawnAttributes = new SpawnAttributes { Cgroup = scope.Handle };
            using SafeFileHandle procs = File.OpenHandle(Path.Combine(scope.Path, "cgroup.procs"), FileMode.Open, FileAccess.Write);
            attributes->Flags = SpawnFlags.SetCgroup;
            attributes->CgroupFd = (int)scope.Handle.DangerousGetHandle();
            int lostRaces = 0;
            Method[] methods =
            [
                new("SpawnCore, no cgroup", spawn.SpawnCoreCall),
                new("SpawnCore + CLONE_INTO_CGROUP", () => spawn.SpawnCoreCall(attributes)),
                new("generated [Cgroup(\"{scope}\")] method", () => spawn.GeneratedInCgroup(scope)),
                new("Spawner + SpawnAttributes.Cgroup", () => spawn.SpawnerWithEnvironment(spawnAttributes)),
                new("SpawnCore, then write cgroup.procs", () =>
                {
                    int pid = spawn.SpawnCoreStart(out int pidfd);
                    if (!TryWritePid(procs, pid))
                        lostRaces++;
                    spawn.Finish(pidfd);
                }),
                new("Process.Start, then write cgroup.procs", () =>
                {
                    using var process = spawn.StartProcess();
                    if (!TryWritePid(procs, process.Id))
                        lostRaces++;
                    process.WaitForExit();
                }),
            ];
            Timing[] timings = RoundRobin.Run(methods, settings.CgroupRounds, settings.WarmupRounds);
            int writes = 2 * (settings.CgroupRounds + settings.WarmupRounds);

            double born = Timing.Find(timings, "SpawnCore + CLONE").MedianMs;
            double moved = Timing.Find(timings, "SpawnCore, then").MedianMs;
            double plain = timings[0].MedianMs;
            string target = $"Born in the cgroup (CLONE_INTO_CGROUP) costs {Figures.Ratio(born / plain)} of a plain spawn, spawn-then-write-cgroup.procs {Figures.Ratio(moved / plain)}: "
                + $"born in it takes {Figures.Ratio(born / moved)} the time of moving it. The move is not the same thing, though: every moved child ran its first instructions "
                + $"(here, the dynamic loader) outside the cgroup, and the write came too late for {lostRaces} of {writes} children (they had exited: ESRCH).";
            string text = $"{NativePrograms.Describe(program)}, {settings.CgroupRounds} rounds, into a temporary cgroup under this process's own ({scope.Path}, deleted afterwards). "
                + "The cgroup.procs writes use one descriptor opened beforehand.";
            return new Section("Spawn into a cgroup", text, [("Ratios against a spawn without a cgroup:", TimingTable.Create(timings, "no cgroup"))], [target]);
        }
        finally
        {
            NativeMemory.Free(attributes);
            scope.WaitUntilEmpty(TimeSpan.FromSeconds(10));
            scope.Delete();
        }
    }

    /// <summary>Writes the pid to cgroup.procs; false when the process had already exited (ESRCH).</summary>
    private static bool TryWritePid(SafeFileHandle procs, int pid)
    {
        byte* text = stackalloc byte[16];
        pid.TryFormat(new Span<byte>(text, 16), out int length);
        if (Write(procs, text, (nuint)length) >= 0)
            return true;
        int error = Marshal.GetLastPInvokeError();
        return error == Esrch ? false : throw new IOException($"write cgroup.procs: errno {error}");
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(SafeFileHandle fd, byte* buffer, nuint count);
}
