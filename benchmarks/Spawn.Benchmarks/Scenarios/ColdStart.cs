using System.Diagnostics;
using System.Globalization;
using Spawn.Benchmarks.Report;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// From process start to the first spawn completed: the Spawn.Benchmarks.ColdStart program, started
/// afresh each time, does one first thing (nothing, Process.Start, Spawner.PidFdSpawn, a generated
/// [SpawnSpec] method, OutputCapture.Run) and prints the monotonic clock; the time from just before
/// its spawn to that is its cold start. Built framework-dependent and, if the ILCompiler package
/// restores, with Native AOT; the methods and builds rotate every round.
/// </summary>
internal static class ColdStart
{
    private static readonly string[] s_firsts = ["none", "process", "spawner", "spec", "capture"];

    public static Section Run(Settings settings)
    {
        if (Environment.Version.Major >= 11)
        {
            return new Section("Cold start", "Measured in the .NET 10 run: the cold-start program is built for .NET 10 (and Native AOT) whichever runtime runs the benchmark.", [], []);
        }
        string root = BenchmarkPage.FindRepositoryRoot();
        string project = Path.Combine(root, "benchmarks", "Spawn.Benchmarks.ColdStart");
        var builds = new List<(string Name, string Program)>();
        var notes = new List<string>();
        if (Build(["build", "-c", "Release", project, "-o", Path.Combine(project, "bin", "framework-dependent")], out string? failure))
            builds.Add(("framework-dependent", Path.Combine(project, "bin", "framework-dependent", "Spawn.Benchmarks.ColdStart")));
        else
            notes.Add($"framework-dependent build failed: {failure}");
        if (Build(["publish", "-c", "Release", "-r", "linux-x64", "-p:SpawnNativeAot=true", project, "-o", Path.Combine(project, "bin", "native-aot")], out failure))
            builds.Add(("Native AOT", Path.Combine(project, "bin", "native-aot", "Spawn.Benchmarks.ColdStart")));
        else
            notes.Add($"Native AOT publish failed: {failure}");

        // times[build][first][round]
        var times = builds.Select(_ => s_firsts.Select(_ => new double[settings.ColdStartRounds]).ToArray()).ToArray();
        for (int round = 0; round < settings.ColdStartRounds; round++)
        {
            for (int k = 0; k < builds.Count * s_firsts.Length; k++)
            {
                int cell = (round + k) % (builds.Count * s_firsts.Length);
                int b = cell / s_firsts.Length, f = cell % s_firsts.Length;
                times[b][f][round] = StartToDone(builds[b].Program, s_firsts[f]);
            }
        }

        var table = new MarkdownTable(["first thing done", .. builds.SelectMany(build => new[] { $"{build.Name}: start to done, ms", $"{build.Name}: minus the runtime's start" })]);
        var medians = times.Select(build => build.Select(Median).ToArray()).ToArray();
        for (int f = 0; f < s_firsts.Length; f++)
            table.AddRow([Describe(s_firsts[f]), .. medians.SelectMany(build => new[] { Figures.Ms(build[f]), f == 0 ? "-" : Figures.Ms(build[f] - build[0]) })]);
        var targets = new List<string>();
        for (int b = 0; b < builds.Count; b++)
        {
            double process = medians[b][1] - medians[b][0], spawner = medians[b][2] - medians[b][0], spec = medians[b][3] - medians[b][0];
            string line = $"{builds[b].Name}: the first spawn costs {Figures.Ms(spawner)} ms with Spawner.PidFdSpawn, {Figures.Ms(spec)} ms with a generated method, {Figures.Ms(process)} ms with Process.Start "
                + $"(the runtime's own start {Figures.Ms(medians[b][0])} ms)";
            targets.Add(process > 0 && spawner > 0 && spec > 0
                ? line + $"; Spawner {Figures.Ratio(process / spawner)} and the generated method {Figures.Ratio(process / spec)} faster than Process.Start."
                : line + ": a difference below zero is the noise of starting a runtime on this machine, larger than the first spawn.");
        }
        targets.AddRange(notes);
        return new Section("Cold start",
            $"The Spawn.Benchmarks.ColdStart program is started {settings.ColdStartRounds} times per cell (rotating); each start does one first thing and reports when it was done, on the monotonic clock. "
            + "\"Minus the runtime's start\" subtracts the median of starting and doing nothing: what the first spawn costs (JIT, native library load, probes, helper threads). The child it spawns is /bin/true.",
            [("Medians:", table)], targets);
    }

    private static string Describe(string first) => first switch
    {
        "none" => "nothing (the runtime's start)",
        "process" => "Process.Start + WaitForExit",
        "spawner" => "Spawner.PidFdSpawn + WaitForExit",
        "spec" => "generated [SpawnSpec] method",
        _ => "OutputCapture.Run",
    };

    private static double StartToDone(string program, string first)
    {
        long start = Stopwatch.GetTimestamp();
        CapturedOutput result = OutputCapture.Run(program, [first]);
        if (result.Status.ExitCode != 0)
            throw new InvalidOperationException($"{program} {first}: {result.Status} {result.StandardError}");
        long done = long.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        return (done - start) * 1000.0 / Stopwatch.Frequency;
    }

    private static bool Build(string[] arguments, out string? failure)
    {
        CapturedOutput result = OutputCapture.Run("dotnet", arguments);
        failure = result.Status.ExitCode == 0 ? null
            : string.Join(' ', result.StandardOutput.Split('\n').Where(line => line.Contains("error", StringComparison.Ordinal)).Take(2));
        return failure is null;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
