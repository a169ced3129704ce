namespace Spawn;

/// <summary>
/// Where the cgroup2 hierarchy is mounted and where this process sits in it, read from
/// <c>/proc/self/mountinfo</c> and <c>/proc/self/cgroup</c>. A hybrid layout mounts cgroup2 next to
/// the v1 hierarchies (for example at <c>/sys/fs/cgroup/unified</c>), so the mount is never assumed.
/// </summary>
internal static class CgroupMount
{
    private static readonly Lazy<string?> s_mountPoint = new(() => FindCgroup2MountPoint(File.ReadAllText("/proc/self/mountinfo")));

    /// <summary>The cgroup2 mount point, or null when cgroup2 is not mounted.</summary>
    internal static string? MountPoint => s_mountPoint.Value;

    /// <summary>
    /// Finds the first mount whose file system type is <c>cgroup2</c> in mountinfo text
    /// (<c>id parent major:minor root mount-point options [optional...] - fstype source super-options</c>)
    /// and returns its mount point with the kernel's octal escapes (<c>\040</c> for a space) decoded.
    /// </summary>
    internal static string? FindCgroup2MountPoint(string mountInfo)
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
            return DecodeOctalEscapes(fields[parts[4]]);
        }
        return null;
    }

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
