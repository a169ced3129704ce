namespace Spawn.Benchmarks;

/// <summary>How long each scenario runs: the full settings the page is made with, or a quick pass.</summary>
internal sealed record Settings(bool Quick)
{
    public int WarmupRounds => Quick ? 10 : 50;
    public int SpawnRounds => Quick ? 200 : 2000;
    public int HeapRounds => Quick ? 30 : 100;
    public int CgroupRounds => Quick ? 150 : 1000;
    public TimeSpan ThroughputBurst => TimeSpan.FromMilliseconds(Quick ? 250 : 1000);
    public int ThroughputRounds => Quick ? 2 : 5;
    public int[] ChildrenInFlight => Quick ? [1, 100, 1000] : [1, 100, 10_000];
    public int ChildrenPerConcurrency => Quick ? 300 : 2000;
    public int GetPidBatches => Quick ? 200 : 1000;
    public int SmallCaptureRounds => Quick ? 100 : 500;
    public int LargeCaptureRounds => Quick ? 8 : 40;
    public int ForkProcesses => Quick ? 4 : 12;
    public int ForksPerProcess => Quick ? 20 : 60;
    public int TerminalThroughputRounds => Quick ? 8 : 40;
    public int TerminalSpawnRounds => Quick ? 100 : 1000;
    public int PipelineRounds => Quick ? 5 : 20;
    public int LineRounds => Quick ? 10 : 40;
    public int HandoverRounds => Quick ? 200 : 2000;
    // The tails need many captures whatever the pass: 2,000 per method even in a quick one.
    public int StressCaptures => 2000;
    public int ColdStartRounds => Quick ? 10 : 20;
    public string Name => Quick ? "quick" : "full";
}
