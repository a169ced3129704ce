using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Spawn.Benchmarks.Report;

namespace Spawn.Benchmarks;

/// <summary>
/// The .NET 11 half of <c>-- all</c>: builds and runs this program for net11.0
/// (<c>dotnet run -f net11.0 -p:SpawnDotNet11=true -- part FILE</c>) and reads back its share of the page.
/// </summary>
internal static class DotNet11Run
{
    public static bool TryRun(string root, Settings settings, [NotNullWhen(true)] out RunPart? part, [NotNullWhen(false)] out string? failure)
    {
        string file = Path.Combine(Path.GetTempPath(), $"spawn-benchmarks-net11-{Environment.ProcessId}.json");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
        foreach (string argument in (string[])["run", "-c", "Release", "--project", "benchmarks/Spawn.Benchmarks", "-f", "net11.0", "-p:SpawnDotNet11=true", "--", "part", file])
            info.ArgumentList.Add(argument);
        if (settings.Quick)
            info.ArgumentList.Add("--quick");
        Console.WriteLine($"Running on .NET 11: dotnet {string.Join(' ', info.ArgumentList)}");
        using Process run = Process.Start(info)!;
        run.WaitForExit();
        try
        {
            if (run.ExitCode != 0 || !File.Exists(file))
            {
                part = null;
                failure = $"`dotnet run -f net11.0 -p:SpawnDotNet11=true` ended with {run.ExitCode} (its output is above the page's command line).";
                return false;
            }
            part = RunPart.Load(file);
            failure = null;
            return true;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
