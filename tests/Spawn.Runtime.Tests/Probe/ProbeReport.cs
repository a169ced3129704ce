using System.Globalization;

namespace Spawn.Runtime.Tests.Probe;

/// <summary>The parsed stdout of spawn_probe: "key value..." lines, in order.</summary>
internal sealed class ProbeReport
{
    private readonly List<(string Key, string Value)> _lines = [];

    public ProbeReport(string output)
    {
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            _lines.Add(space < 0 ? (line, "") : (line[..space], line[(space + 1)..]));
        }

        Text = output;
    }

    /// <summary>The raw output, for failure messages.</summary>
    public string Text { get; }

    /// <summary>Every value reported under <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> All(string key) => _lines.Where(line => line.Key == key).Select(line => line.Value).ToList();

    /// <summary>The one value reported under <paramref name="key"/>.</summary>
    public string this[string key]
    {
        get
        {
            IReadOnlyList<string> values = All(key);
            return values.Count == 1
                ? values[0]
                : throw new InvalidOperationException($"expected one \"{key}\" line in the probe's output, got {values.Count}:\n{Text}");
        }
    }

    /// <summary>The one value under <paramref name="key"/> as a number (negative numbers are -errno).</summary>
    public long Number(string key) => long.Parse(this[key], NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A mask of /proc/self/status (SigBlk, SigIgn, SigCgt) reported in hex.</summary>
    public ulong Mask(string key) => ulong.Parse(this[key], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The value reported under <paramref name="key"/> for descriptor <paramref name="fd"/> ("read 5 text" => "text").</summary>
    public string ForFd(string key, int fd)
    {
        string prefix = fd.ToString(CultureInfo.InvariantCulture) + " ";
        string? line = All(key).SingleOrDefault(value => value.StartsWith(prefix, StringComparison.Ordinal));
        return line is null
            ? throw new InvalidOperationException($"no \"{key} {fd}\" line in the probe's output:\n{Text}")
            : line[prefix.Length..];
    }

    /// <summary><see cref="ForFd"/> as a number (negative numbers are -errno).</summary>
    public long ForFdNumber(string key, int fd) => long.Parse(ForFd(key, fd), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>The descriptors the probe had open when it ran "fds" (or "fd N"), without the closed ones.</summary>
    public IReadOnlyDictionary<int, ProbeDescriptor> Descriptors() =>
        All("fd").Select(ProbeDescriptor.Parse).OfType<ProbeDescriptor>().ToDictionary(descriptor => descriptor.Fd);
}

/// <summary>One "fd N FLAGS CLOEXEC TARGET" line: an open descriptor of the probe.</summary>
internal sealed record ProbeDescriptor(int Fd, int StatusFlags, bool CloseOnExec, string Target)
{
    /// <summary>The access mode (O_RDONLY, O_WRONLY or O_RDWR).</summary>
    public int AccessMode => StatusFlags & 3;

    /// <summary>Parses the value of an "fd" line; null for "N closed".</summary>
    public static ProbeDescriptor? Parse(string value)
    {
        string[] parts = value.Split(' ', 4);
        return parts[1] == "closed"
            ? null
            : new ProbeDescriptor(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                Convert.ToInt32(parts[1], 16),
                parts[2] == "1",
                parts.Length > 3 ? parts[3] : "");
    }
}
