using System.Globalization;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// What this test process holds that a spawn could leak: its open descriptors (from
/// <c>/proc/self/fd</c>) and its children, zombies included until they are reaped (from
/// <c>/proc/self/task/*/children</c>, or by the parent field of every <c>/proc/PID/stat</c> where
/// the kernel lacks those lists).
/// </summary>
internal sealed class ProcessResources
{
    private ProcessResources(SortedDictionary<int, string> descriptors, SortedSet<int> children)
    {
        Descriptors = descriptors;
        Children = children;
    }

    /// <summary>Open descriptor number => what it points to.</summary>
    public SortedDictionary<int, string> Descriptors { get; }

    /// <summary>Pids of the children of every thread of this process.</summary>
    public SortedSet<int> Children { get; }

    public static ProcessResources Capture() => new(ReadDescriptors(), ReadChildren());

    /// <summary>A line per descriptor and child here that <paramref name="before"/> did not have.</summary>
    public IReadOnlyList<string> DescribeAdditionsTo(ProcessResources before)
    {
        var additions = new List<string>();
        foreach (var (fd, target) in Descriptors)
        {
            if (!before.Descriptors.TryGetValue(fd, out string? earlier) || earlier != target)
            {
                additions.Add($"descriptor {fd} -> {target}");
            }
        }

        foreach (int pid in Children)
        {
            if (!before.Children.Contains(pid))
            {
                additions.Add($"child {pid} in state {ChildState(pid)}: {CommandLine(pid)}");
            }
        }

        return additions;
    }

    private static SortedDictionary<int, string> ReadDescriptors()
    {
        var descriptors = new SortedDictionary<int, string>();
        // Enumerating opens one descriptor for the folder itself; it is gone again when we look
        // at the targets, which is how it drops out.
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            int fd = int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture);
            string? target = ReadLink(entry);
            // The runtime keeps an assembly's file open from its first use on; not a leak of ours.
            if (target is not null && !target.EndsWith(".dll", StringComparison.Ordinal))
            {
                descriptors[fd] = target;
            }
        }

        return descriptors;
    }

    private static SortedSet<int> ReadChildren() =>
        File.Exists($"/proc/self/task/{Environment.ProcessId}/children") ? ReadChildrenLists() : ScanForChildren();

    private static SortedSet<int> ReadChildrenLists()
    {
        var children = new SortedSet<int>();
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            string list;
            try
            {
                list = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue; // the thread exited meanwhile
            }

            foreach (string pid in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                children.Add(int.Parse(pid, CultureInfo.InvariantCulture));
            }
        }

        return children;
    }

    /// <summary>Without CONFIG_PROC_CHILDREN: every process whose parent (field 4 of <c>/proc/PID/stat</c>) is this one.</summary>
    private static SortedSet<int> ScanForChildren() => ScanChildren(zombiesOnly: false);

    /// <summary>The pids of this process's children that are zombies (state Z), found by scanning /proc.</summary>
    internal static IReadOnlyCollection<int> Zombies() => ScanChildren(zombiesOnly: true);

    private static SortedSet<int> ScanChildren(bool zombiesOnly)
    {
        var children = new SortedSet<int>();
        foreach (string process in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            string[]? stat = ReadStat(process);
            if (stat is not null && int.Parse(stat[1], CultureInfo.InvariantCulture) == Environment.ProcessId &&
                (!zombiesOnly || stat[0] == "Z"))
            {
                children.Add(pid);
            }
        }

        return children;
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The state letter of <c>/proc/PID/stat</c> (Z for a zombie), or "gone".</summary>
    internal static string ChildState(int pid) => ReadStat($"/proc/{pid}")?[0] ?? "gone";

    /// <summary>The fields of <c>stat</c> in a /proc/PID folder after the parenthesised name (state, ppid, ...); null once the process is gone.</summary>
    private static string[]? ReadStat(string processFolder)
    {
        try
        {
            string stat = File.ReadAllText(Path.Combine(processFolder, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
