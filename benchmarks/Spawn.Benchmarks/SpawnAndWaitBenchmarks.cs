using BenchmarkDotNet.Attributes;
using Spawn.Benchmarks.Scenarios;

namespace Spawn.Benchmarks;

/// <summary>
/// The spawn-and-wait methods under BenchmarkDotNet (<c>-- --filter "*"</c>), one after another;
/// the page's figures come from the round-robin run (<c>-- all</c>), whose ratios hold on a noisy machine.
/// </summary>
[MemoryDiagnoser]
public class SpawnAndWaitBenchmarks
{
    private SpawnMethods _spawn = null!;

    [Params(NativePrograms.BinTrue)]
    public string Program { get; set; } = NativePrograms.BinTrue;

    [GlobalSetup]
    public void Setup() => _spawn = new SpawnMethods(Program);

    [GlobalCleanup]
    public void Cleanup() => _spawn.Dispose();

    [Benchmark(Baseline = true, Description = "C floor: clone VM|VFORK|PIDFD + waitid")]
    public void CFloor() => _spawn.CFloor();

    [Benchmark(Description = "generated [SpawnSpec] method")]
    public void Generated() => _spawn.Generated();

    [Benchmark(Description = "SpawnCore (caller-built buffers)")]
    public void LowLevel() => _spawn.SpawnCoreCall();

    [Benchmark(Description = "Spawner.PidFdSpawn + WaitForExit")]
    public void PidFdSpawn() => _spawn.Spawner();

    [Benchmark(Description = "Process.Start + WaitForExit")]
    public void ProcessStart() => _spawn.ProcessStart();

    [Benchmark(Description = "CliWrap ExecuteAsync")]
    public void CliWrap() => _spawn.CliWrap();
}
