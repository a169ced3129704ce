using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Spawn.Benchmarks.Report;
using Spawn.Benchmarks.Scenarios;

namespace Spawn.Benchmarks;

internal static class Program
{
    private static readonly (string Name, Func<Settings, Section> Run)[] s_scenarios =
    [
        ("coldstart", ColdStart.Run),
        ("spawn", SpawnAndWait.Run),
        ("heap", LargeHeap.Run),
        ("cgroup", CgroupPlacement.Run),
        ("threads", ThreadThroughput.Run),
        ("children", ConcurrentChildrenScenario.Run),
        ("getpid", GetPid.Run),
        ("capture", CaptureOutput.Run),
        ("fork-gc", ForkUnderGcPressure.Run),
        ("terminal", TerminalOutput.Run),
        ("jobs", EverydayJobs.Run),
        ("spec-pipeline", SpecPipeline.Run),
        ("stress", CaptureStress.Run),
        ("sandbox", SandboxedSpawn.Run),
    ];

    // Run by name only, never by "all": they measure one question in more depth than the page needs.
    private static readonly (string Name, Func<Settings, Section> Run)[] s_probes =
    [
        ("capture-targets", CaptureTargets.Run),
        ("capture-ideas", CaptureIdeas.RunAlone),
    ];

    /// <summary>
    /// <c>all [--quick] [--no-net11]</c> runs every scenario here and, built for net11.0, again on
    /// .NET 11, then writes docs/benchmarks.md; <c>part FILE</c> is that second run, which hands its
    /// share of the page over in FILE; a scenario's name runs it alone and prints it; anything else
    /// goes to BenchmarkDotNet (<c>--filter "*"</c>).
    /// </summary>
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var settings = new Settings(Quick: args.Contains("--quick"));
        string[] words = [.. args.Where(arg => !arg.StartsWith('-'))];
        string? mode = words.FirstOrDefault();
        if (mode == ForkUnderGcPressure.ChildMode)
            return ForkUnderGcPressure.RunChild(args);
        if (mode == ForkPreparationTrace.Mode)
            return ForkPreparationTrace.Run();
        if (mode == "all")
        {
            DateTime started = DateTime.UtcNow;
            string load = MachineFacts.LoadAverage();
            var timer = Stopwatch.StartNew();
            string root = BenchmarkPage.FindRepositoryRoot();
            var runs = new List<RunPart> { BenchmarkPage.Render(root, RunAll(settings)) };
            string? missing = null;
            if (Environment.Version.Major < 11)
            {
                if (args.Contains("--no-net11"))
                    missing = "it was skipped (`--no-net11`).";
                else if (DotNet11Run.TryRun(root, settings, out RunPart? net11, out missing))
                    runs.Add(net11);
            }
            BenchmarkPage.Write(root, settings, started, load, timer.Elapsed, runs, missing);
            Console.WriteLine($"wrote {Path.Combine(root, "docs", "benchmarks.md")}");
            return 0;
        }
        if (mode == "part" && words.Length == 2)
        {
            BenchmarkPage.Render(BenchmarkPage.FindRepositoryRoot(), RunAll(settings)).Save(words[1]);
            return 0;
        }
        foreach ((string name, Func<Settings, Section> run) in s_scenarios.Concat(s_probes))
        {
            if (mode == name)
            {
                RunAndPrint(run, settings);
                return 0;
            }
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static List<Section> RunAll(Settings settings) =>
        [.. s_scenarios.Select(scenario => RunAndPrint(scenario.Run, settings))];

    private static Section RunAndPrint(Func<Settings, Section> run, Settings settings)
    {
        Section section = run(settings);
        Console.WriteLine($"## {section.Title} ({RuntimeNames.Long})");
        foreach ((string caption, MarkdownTable table) in section.Tables)
            Console.WriteLine($"{caption}\n{table}");
        foreach (string target in section.Targets)
            Console.WriteLine($"- {target}");
        Console.WriteLine();
        return section;
    }
}
