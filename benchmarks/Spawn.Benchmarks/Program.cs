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
    ];

    /// <summary>
    /// <c>all [--quick]</c> runs every scenario and writes docs/benchmarks.md; a scenario's name runs
    /// it alone and prints it; anything else goes to BenchmarkDotNet (<c>--filter "*"</c>).
    /// </summary>
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var settings = new Settings(Quick: args.Contains("--quick"));
        string? mode = args.FirstOrDefault(arg => !arg.StartsWith('-'));
        if (mode == ForkUnderGcPressure.ChildMode)
            return ForkUnderGcPressure.RunChild(args);
        if (mode == "all")
        {
            DateTime started = DateTime.UtcNow;
            var timer = Stopwatch.StartNew();
            var sections = s_scenarios.Select(scenario => RunAndPrint(scenario.Run, settings)).ToList();
            string root = BenchmarkPage.FindRepositoryRoot();
            BenchmarkPage.Write(root, settings, started, timer.Elapsed, sections);
            Console.WriteLine($"wrote {Path.Combine(root, "docs", "benchmarks.md")}");
            return 0;
        }
        foreach ((string name, Func<Settings, Section> run) in s_scenarios)
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

    private static Section RunAndPrint(Func<Settings, Section> run, Settings settings)
    {
        Section section = run(settings);
        Console.WriteLine($"## {section.Title}");
        foreach ((string caption, MarkdownTable table) in section.Tables)
            Console.WriteLine($"{caption}\n{table}");
        foreach (string target in section.Targets)
            Console.WriteLine($"- {target}");
        Console.WriteLine();
        return section;
    }
}
