using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Spawn.LowLevel;

namespace Spawn.Benchmarks;

/// <summary>
/// Spawn and wait for <c>/bin/true</c>, every way this machine offers, in one run so the ratios
/// hold on a noisy machine: the C floor, our low-level entry with stack buffers, Spawner, and
/// System.Diagnostics.Process.
/// </summary>
[MemoryDiagnoser]
public unsafe class SpawnAndWaitBenchmarks
{
    private static readonly string[] s_argv = ["/bin/true"];

    [Benchmark(Baseline = true, Description = "C floor: clone VM|VFORK|PIDFD + waitid")]
    public int CFloor()
    {
        byte** argv = stackalloc byte*[2];
        fixed (byte* path = "/bin/true\0"u8)
        {
            argv[0] = path;
            argv[1] = null;
            return SpawnFloor.Run(path, argv, null);
        }
    }

    [Benchmark(Description = "SpawnCore (stack buffers)")]
    public ExitStatus LowLevel()
    {
        byte** argv = stackalloc byte*[2];
        fixed (byte* path = "/bin/true\0"u8)
        {
            argv[0] = path;
            argv[1] = null;
            NativeSpawnRequest request = default;
            request.Path = path;
            request.Argv = argv;
            request.Options = NativeSpawnOptions.ReturnPidFd;
            NativeSpawnResult result;
            if (SpawnCore.Spawn(&request, &result) != 0)
                throw SpawnCore.CreateException(result, &request);
            ExitStatus status = SpawnCore.WaitForExit(result.PidFd);
            SpawnCore.Close(result.PidFd);
            return status;
        }
    }

    [Benchmark(Description = "Spawner.PidFdSpawn + WaitForExit")]
    public ExitStatus PidFdSpawn()
    {
        using PidFd pidfd = Spawner.PidFdSpawn("/bin/true", null, null, s_argv, null);
        return pidfd.WaitForExit();
    }

    [Benchmark(Description = "Process.Start + WaitForExit")]
    public int ProcessStart()
    {
        using Process process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
