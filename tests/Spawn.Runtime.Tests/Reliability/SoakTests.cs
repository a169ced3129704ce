using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.LowLevel;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Spawn.Streams;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// Soak: spawn-and-wait cycles of twelve kinds in turn, six written by hand (the low-level core with
/// caller-built buffers, <see cref="Spawner"/>, stdout through a pipe, into a cgroup, an exec that
/// fails, a file action that fails) and six generated from <see cref="SoakSpecs"/> (a returned
/// pidfd, spawn and wait, captured output, into a cgroup, the two failures), with descriptors,
/// children, threads, managed heap and RSS measured after a warm-up and at the end. The short form
/// runs in CI; SPAWN_SOAK_CYCLES=100000 gives the long one.
/// </summary>
public sealed unsafe class SoakTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const int DefaultCycles = 6000;
    private const int WarmUpCycles = 300;
    private const long ManagedHeapTolerance = 2L << 20;
    private const long ResidentTolerance = 24L << 20;
    private const int ThreadTolerance = 2;
    private const int Kinds = 12;
    private const string Missing = SoakSpecs.Missing;

    private static readonly byte[] s_probePath = Encoding.UTF8.GetBytes(ProbeProgram.Path + "\0");
    private static readonly byte[] s_exit = "exit\0"u8.ToArray();
    private static readonly byte[] s_zero = "0\0"u8.ToArray();

    [SkippableFact]
    public void Mixed_spawn_and_wait_cycles_leave_nothing_behind()
    {
        int cycles = Cycles();
        string cgroupPath;
        ResourceSnapshot before, after;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (TestCgroup cgroup = TestCgroup.Create("soak"))
        using (var attributes = new SpawnAttributes())
        using (SafeFileHandle cgroupFolder = cgroup.OpenDirectory())
        {
            cgroupPath = cgroup.Path;
            attributes.SetCgroupPath(cgroup.Path);
            for (int i = 0; i < WarmUpCycles; i++)
                RunCycle(i, attributes, cgroupFolder);
            before = ResourceSnapshot.Take();
            watch.Restart();
            for (int i = 0; i < cycles; i++)
                RunCycle(i, attributes, cgroupFolder);
            watch.Stop();
            after = ResourceSnapshot.Take();
            Assert.Empty(cgroup.Processes());
        }

        output.WriteLine($"{cycles} cycles ({(cycles + 1) / 2} generated) in {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMilliseconds / cycles:F2} ms each)");
        output.WriteLine($"before: {before}");
        output.WriteLine($"after:  {after}");
        Assert.False(Directory.Exists(cgroupPath), $"the cgroup {cgroupPath} is left");
        Assert.Equal(before.Descriptors, after.Descriptors);
        Assert.Equal(before.Children, after.Children);
        Assert.InRange(after.Threads, 0, before.Threads + ThreadTolerance);
        Assert.InRange(after.ManagedHeap - before.ManagedHeap, long.MinValue, ManagedHeapTolerance);
        Assert.InRange(after.ResidentBytes - before.ResidentBytes, long.MinValue, ResidentTolerance);
    }

    private static int Cycles() =>
        int.TryParse(Environment.GetEnvironmentVariable("SPAWN_SOAK_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out int cycles) && cycles > 0
            ? cycles
            : DefaultCycles;

    private static void RunCycle(int index, SpawnAttributes cgroupAttributes, SafeFileHandle cgroupFolder)
    {
        // Generated and hand-written cycles alternate: even indices run a generated body.
        if (index % 2 == 0)
            RunGeneratedCycle(index / 2 % (Kinds / 2), cgroupFolder);
        else
            RunHandWrittenCycle(index / 2 % (Kinds / 2), cgroupAttributes);
    }

    private static void RunGeneratedCycle(int kind, SafeFileHandle cgroupFolder)
    {
        switch (kind)
        {
            case 0:
                using (PidFd child = SoakSpecs.Start(ProbeProgram.Path, 5))
                    Assert.Equal(5, child.WaitForExit().ExitCode);
                break;
            case 1:
                Assert.Equal(6, SoakSpecs.Run(ProbeProgram.Path, 6).ExitCode);
                break;
            case 2:
                CapturedOutput captured = SoakSpecs.Capture(ProbeProgram.Path, "soak");
                Assert.Equal((true, 0, "soakwrite 1 4\n", ""),
                    (captured.Status.Exited, captured.Status.ExitCode, captured.StandardOutput, captured.StandardError));
                break;
            case 3:
                Assert.Equal(0, SoakSpecs.RunInCgroup(ProbeProgram.Path, cgroupFolder).ExitCode);
                break;
            case 4:
                SpawnException exec = Assert.Throws<SpawnException>(() => SoakSpecs.RunMissing());
                Assert.Equal((Errno.ENOENT, SpawnStage.Exec), (exec.Errno, exec.Stage));
                break;
            default:
                SpawnException action = Assert.Throws<SpawnException>(() => SoakSpecs.RunWithMissingFile(ProbeProgram.Path));
                Assert.Equal((Errno.ENOENT, 0), (action.Errno, action.ActionIndex));
                break;
        }
    }

    private static void RunHandWrittenCycle(int kind, SpawnAttributes cgroupAttributes)
    {
        switch (kind)
        {
            case 0:
                Assert.Equal(0, LowLevelSpawnAndWait().ExitCode);
                break;
            case 1:
                using (PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("exit", "3"), null))
                    Assert.Equal(3, child.WaitForExit().ExitCode);
                break;
            case 2:
                Assert.Equal("soakwrite 1 4\n", ReadThroughPipe()); // the text, then the probe's report of the write
                break;
            case 3:
                using (PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, null, cgroupAttributes, ProbeProgram.Argv("exit", "0"), null))
                    Assert.Equal(0, child.WaitForExit().ExitCode);
                break;
            case 4:
                Assert.False(Spawner.TryPidFdSpawn(Missing, null, null, [Missing], null, out _, out SpawnError error));
                Assert.Equal((Errno.ENOENT, SpawnStage.Exec), (error.Errno, error.Stage));
                break;
            default:
                var actions = new SpawnFileActions().AddOpen(3, Missing, OpenFlags.O_RDONLY, 0);
                SpawnException failure = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, actions, null, ProbeProgram.Argv(), null));
                Assert.Equal((Errno.ENOENT, 0), (failure.Errno, failure.ActionIndex));
                break;
        }
    }

    private static ExitStatus LowLevelSpawnAndWait()
    {
        fixed (byte* path = s_probePath, exit = s_exit, zero = s_zero)
        {
            byte** argv = stackalloc byte*[] { path, exit, zero, null };
            byte** envp = stackalloc byte*[] { null };
            NativeSpawnRequest request = default;
            request.Path = path;
            request.Argv = argv;
            request.Envp = envp;
            request.Options = NativeSpawnOptions.ReturnPidFd;
            NativeSpawnResult result;
            if (SpawnCore.Spawn(&request, &result) != 0)
                throw SpawnCore.CreateException(result, &request);
            try
            {
                return SpawnCore.WaitForExit(result.PidFd);
            }
            finally
            {
                SpawnCore.Close(result.PidFd);
            }
        }
    }

    private static string ReadThroughPipe()
    {
        using var pipes = StandardPipes.Create(StandardStreams.Output);
        using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, pipes.AddTo(null), null, ProbeProgram.Argv("write", "1", "soak"), null);
        pipes.CloseChildEnds();
        string text = new StreamReader(pipes.Output!).ReadToEnd();
        Assert.Equal(0, child.WaitForExit().ExitCode);
        return text;
    }
}
