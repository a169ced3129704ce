namespace Spawn.Cgroups;

/// <summary>
/// Where the cgroup2 hierarchy is mounted and where this process sits in it, read from
/// <c>/proc/self/mountinfo</c> and <c>/proc/self/cgroup</c>. A hybrid layout mounts cgroup2 next to
/// the v1 hierarchies (for example at <c>/sys/fs/cgroup/unified</c>), so the mount is never assumed.
/// </summary>
internal static class CgroupMount
{
    private static readonly Lazy<Cgroup2Mount?> s_mount = new(() => FindCgroup2Mount(File.ReadAllText("/proc/self/mountinfo")));

    /// <summary>The cgroup2 mount of this process, or null when cgroup2 is not mounted.</summary>
    internal static Cgroup2Mount? Current => s_mount.Value;

    /// <summary>The cgroup2 mount point, or null when cgroup2 is not mounted.</summary>
    internal static string? MountPoint => s_mount.Value?.MountPoint;

    /// <summary>
    /// The cgroup2 mount: where it is, and which cgroup its root is (mountinfo's root field): <c>/</c> for
    /// a mount of the whole hierarchy, <c>/docker/ID</c> for a bind mount of a subtree, <c>/..</c> when
    /// this process's cgroup namespace starts below the mount's root.
    /// </summary>
    internal readonly record struct Cgroup2Mount(string MountPoint, string Root);

    /// <summary>
    /// Finds the first mount whose file system type is <c>cgroup2</c> in mountinfo text
    /// (<c>id parent major:minor root mount-point options [optional...] - fstype source super-options</c>),
    /// with the kernel's octal escapes (<c>\040</c> for a space) decoded.
    /// </summary>
    internal static Cgroup2Mount? FindCgroup2Mount(string mountInfo)
    {
        foreach (var line in mountInfo.AsSpan().EnumerateLines())
        {
            // The optional fields vary in number; the fixed ones resume after the lone "-".
            int separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
                continue;
            var after = line[(separator + 3)..];
            int fsTypeEnd = after.IndexOf(' ');
            var fsType = fsTypeEnd < 0 ? after : after[..fsTypeEnd];
            if (!fsType.SequenceEqual("cgroup2"))
                continue;

            var fields = line[..separator];
            Span<Range> parts = stackalloc Range[6];
            if (fields.Split(parts, ' ') < 5)
                continue;
            return new Cgroup2Mount(DecodeOctalEscapes(fields[parts[4]]), DecodeOctalEscapes(fields[parts[3]]));
        }
        return null;
    }

    /// <summary>
    /// The folder of this process's cgroup (<paramref name="cgroupPath"/>, the <c>0::</c> line, relative to
    /// this process's cgroup namespace) under <paramref name="mount"/>, or null when the mount does not
    /// hold it. A subtree mount's root is cut off the path; when the namespace starts below the mount's
    /// root (a root of <c>/..</c>), the kernel does not say which folder that is, so the folders that
    /// deep are searched for the one whose <c>cgroup.procs</c> lists <paramref name="pid"/>.
    /// </summary>
    internal static string? FindFolder(Cgroup2Mount mount, string cgroupPath, int pid)
    {
        string root = mount.Root.TrimEnd('/');
        if (root.Length == 0)
            return Join(mount.MountPoint, cgroupPath);
        if (cgroupPath == root || cgroupPath.StartsWith(root + "/", StringComparison.Ordinal))
            return Join(mount.MountPoint, cgroupPath[root.Length..]);

        string[] segments = root.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!segments.All(segment => segment == ".."))
            return null; // the mount's root is beside our namespace, not above it
        return FoldersAtDepth(mount.MountPoint, segments.Length)
            .Select(folder => Join(folder, cgroupPath))
            .FirstOrDefault(folder => Lists(folder, pid));
    }

    private static IEnumerable<string> FoldersAtDepth(string folder, int depth) =>
        depth == 0 ? [folder] : Directory.EnumerateDirectories(folder).SelectMany(child => FoldersAtDepth(child, depth - 1));

    private static bool Lists(string folder, int pid)
    {
        try
        {
            string wanted = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return File.ReadLines(System.IO.Path.Combine(folder, "cgroup.procs")).Any(line => line == wanted);
        }
        catch (IOException)
        {
            return false; // not there (ENOENT), or removed while we looked
        }
    }

    private static string Join(string mountPoint, string relative) =>
        relative.Length == 0 || relative == "/" ? mountPoint : mountPoint.TrimEnd('/') + relative;

    /// <summary>
    /// The path of this process's cgroup2 cgroup relative to the hierarchy's root: the <c>0::</c> line of
    /// <c>/proc/self/cgroup</c> (present in unified and hybrid layouts alike).
    /// </summary>
    internal static string? FindUnifiedCgroupPath(string procSelfCgroup)
    {
        foreach (var line in procSelfCgroup.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
                return line[3..].ToString();
        }
        return null;
    }

    /// <summary>
    /// The controllers bound to cgroup v1 hierarchies in <c>/proc/self/cgroup</c> text (<c>4:memory:/x</c>,
    /// <c>1:cpu,cpuacct:/</c>; named hierarchies such as <c>name=systemd</c> hold none). A controller can
    /// serve one version at a time, so in a hybrid layout these are out of cgroup2's reach.
    /// </summary>
    internal static IReadOnlySet<string> FindV1Controllers(string procSelfCgroup)
    {
        var controllers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in procSelfCgroup.AsSpan().EnumerateLines())
        {
            int first = line.IndexOf(':');
            int second = first < 0 ? -1 : line[(first + 1)..].IndexOf(':');
            if (first <= 0 || second < 0 || line[..first].SequenceEqual("0"))
                continue;
            foreach (var range in line.Slice(first + 1, second).Split(','))
            {
                var name = line.Slice(first + 1, second)[range];
                if (name.Length > 0 && !name.StartsWith("name=", StringComparison.Ordinal))
                    controllers.Add(name.ToString());
            }
        }
        return controllers;
    }

    private static string DecodeOctalEscapes(ReadOnlySpan<char> field)
    {
        if (!field.Contains('\\'))
            return field.ToString();
        var decoded = new System.Text.StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                decoded.Append((char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                decoded.Append(field[i]);
            }
        }
        return decoded.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
