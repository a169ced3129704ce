using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Lifecycle;

/// <summary>
/// This process's children as <c>/proc/PID/stat</c> shows them (the parent pid after the command
/// name). Scanning /proc works on kernels without <c>/proc/self/task/*/children</c>.
/// </summary>
internal static class ChildTable
{
    /// <summary>The pids of this process's children that are zombies (state Z).</summary>
    public static IReadOnlyList<int> Zombies()
    {
        var zombies = new List<int>();
        int self = Environment.ProcessId;
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
            if (fields[0] == "Z" && int.Parse(fields[1], CultureInfo.InvariantCulture) == self)
                zombies.Add(pid);
        }
        return zombies;
    }

    /// <summary>
    /// Makes sure <paramref name="count"/> descriptors can be open at once, raising the soft
    /// RLIMIT_NOFILE up to the hard one if needed; skips the test when even that is too low.
    /// </summary>
    public static unsafe void EnsureDescriptorLimit(int count)
    {
        LibC.RLimit limit;
        LibC.Check(LibC.GetRLimit(LibC.RLIMIT_NOFILE, &limit), "getrlimit");
        if (limit.Current >= (ulong)count)
            return;
        Skip.If(limit.Maximum < (ulong)count, $"RLIMIT_NOFILE's hard limit {limit.Maximum} is below the {count} descriptors this test needs");
        limit.Current = (ulong)count;
        LibC.Check(LibC.SetRLimit(LibC.RLIMIT_NOFILE, &limit), "setrlimit");
    }
}
