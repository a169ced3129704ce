namespace Spawn.Runtime.DelegationRunner;

/// <summary>The runner's output, one "step outcome" line per step, and what the steps look at.</summary>
internal static class Report
{
    public static void Print(string step, string outcome) => Console.WriteLine($"{step} {outcome.ReplaceLineEndings(" ")}");

    /// <summary>"ok", or the errno's name and the message of the <see cref="SpawnException"/> it threw.</summary>
    public static string Outcome(Action step)
    {
        try
        {
            step();
            return "ok";
        }
        catch (SpawnException exception)
        {
            return $"{exception.Errno.Name} {exception.Message}";
        }
    }

    /// <summary>This process's cgroup as it sees it: the <c>0::</c> line of <c>/proc/PID/cgroup</c>.</summary>
    public static string CgroupOf(string pid) =>
        File.ReadAllLines($"/proc/{pid}/cgroup").Single(line => line.StartsWith("0::", StringComparison.Ordinal))[3..];

    /// <summary>The names of the child cgroups of <paramref name="folder"/>, sorted, space-separated; "none" for none.</summary>
    public static string Children(string folder) =>
        string.Join(' ', Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)) is { Length: > 0 } names ? names : "none";
}
