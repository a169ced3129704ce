using System.Globalization;
using System.Text;

namespace Spawn.Cgroups;

public sealed partial class Cgroup
{
    /// <summary>
    /// The controllers this cgroup can use (<c>cgroup.controllers</c>): those its parent enabled in
    /// <c>cgroup.subtree_control</c>. A limit needs its controller here.
    /// </summary>
    /// <exception cref="SpawnException">The read of <c>cgroup.controllers</c> failed.</exception>
    public IReadOnlyList<string> Controllers => ReadWordList("cgroup.controllers\0"u8, "cgroup.controllers");

    /// <summary>The controllers enabled for this cgroup's children (<c>cgroup.subtree_control</c>).</summary>
    /// <exception cref="SpawnException">The read of <c>cgroup.subtree_control</c> failed.</exception>
    public IReadOnlyList<string> SubtreeControllers => ReadWordList("cgroup.subtree_control\0"u8, "cgroup.subtree_control");

    /// <summary>
    /// Enables controllers for this cgroup's children: writes <c>+memory +pids ...</c> to
    /// <c>cgroup.subtree_control</c>.
    /// </summary>
    /// <exception cref="SpawnException">ENOENT naming the controllers when one is not in <see cref="Controllers"/>;
    /// EBUSY when this cgroup holds processes itself (the "no internal processes" rule).</exception>
    public void EnableSubtreeControllers(params IEnumerable<string> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        var names = controllers.ToArray();
        var content = Encoding.ASCII.GetBytes(string.Join(' ', names.Select(static name => "+" + name)));
        if (!CgroupFile.Write(Handle, "cgroup.subtree_control\0"u8, content, out var error))
            throw ControllerError(error, "write cgroup.subtree_control", "cgroup.subtree_control", string.Join(", ", names));
    }

    /// <summary>Sets <c>memory.max</c>, the hard memory limit in bytes (null: <c>max</c>, no limit).</summary>
    /// <exception cref="SpawnException">ENOENT naming the memory controller when it is not enabled here; EINVAL for a bad value.</exception>
    public void SetMemoryMax(long? bytes) =>
        WriteLimit("memory.max\0"u8, "memory.max", "memory", bytes is { } value ? value.ToString(CultureInfo.InvariantCulture) : "max");

    /// <summary>Sets <c>pids.max</c>, the most processes and threads at once (null: <c>max</c>, no limit).</summary>
    /// <exception cref="SpawnException">ENOENT naming the pids controller when it is not enabled here; EINVAL for a bad value.</exception>
    public void SetPidsMax(long? count) =>
        WriteLimit("pids.max\0"u8, "pids.max", "pids", count is { } value ? value.ToString(CultureInfo.InvariantCulture) : "max");

    /// <summary>
    /// Sets <c>cpu.max</c>: at most <paramref name="quota"/> of CPU time per <paramref name="period"/>
    /// (null quota: <c>max</c>, no limit). Microsecond precision.
    /// </summary>
    /// <exception cref="SpawnException">ENOENT naming the cpu controller when it is not enabled here; EINVAL for a bad value.</exception>
    public void SetCpuMax(TimeSpan? quota, TimeSpan period)
    {
        string quotaText = quota is { } value ? ((long)value.TotalMicroseconds).ToString(CultureInfo.InvariantCulture) : "max";
        WriteLimit("cpu.max\0"u8, "cpu.max", "cpu", quotaText + " " + ((long)period.TotalMicroseconds).ToString(CultureInfo.InvariantCulture));
    }

    private void WriteLimit(ReadOnlySpan<byte> name, string fileName, string controller, string value)
    {
        if (!CgroupFile.Write(Handle, name, Encoding.ASCII.GetBytes(value), out var error))
            throw ControllerError(error, "write " + fileName, fileName, controller);
    }

    /// <summary>
    /// The error of a controller's file: ENOENT there means the controller is not enabled, which the
    /// errno alone would not say.
    /// </summary>
    private SpawnException ControllerError(Errno error, string operation, string fileName, string controller)
    {
        if (error != Errno.ENOENT)
            return new SpawnException(operation, error, Path + "/" + fileName);
        return new SpawnException(
            $"{operation}: the {controller} controller is not enabled (cgroup.controllers: \"{string.Join(' ', Controllers)}\"; "
            + "the parent's cgroup.subtree_control must list it) in the cgroup", error, Path);
    }

    private string[] ReadWordList(ReadOnlySpan<byte> name, string fileName)
    {
        Span<byte> text = stackalloc byte[256];
        int length = CgroupFile.Read(Handle, name, text, out var error);
        if (length < 0)
            throw new SpawnException("read " + fileName, error, Path + "/" + fileName);
        return Encoding.ASCII.GetString(text[..length]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
}
