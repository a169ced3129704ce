namespace Spawn.Cgroups;

public sealed partial class Cgroup
{
    /// <summary>
    /// The CPU time the cgroup's processes used so far, dead ones included: <c>usage_usec</c>,
    /// <c>user_usec</c> and <c>system_usec</c> of <c>cpu.stat</c> (present without the cpu controller).
    /// </summary>
    /// <exception cref="SpawnException">The read of <c>cpu.stat</c> failed.</exception>
    public CgroupCpuStat CpuStat
    {
        get
        {
            Span<byte> stat = stackalloc byte[512];
            int length = CgroupFile.Read(Handle, "cpu.stat\0"u8, stat, out var error);
            if (length < 0)
                throw new SpawnException("read cpu.stat", error, Path + "/cpu.stat");
            stat = stat[..length];
            return new CgroupCpuStat(
                CgroupFile.FindKeyedValue(stat, "usage_usec"u8),
                CgroupFile.FindKeyedValue(stat, "user_usec"u8),
                CgroupFile.FindKeyedValue(stat, "system_usec"u8));
        }
    }

    /// <summary>The most memory the cgroup used at once, in bytes: <c>memory.peak</c> (memory controller, kernel 5.19+).</summary>
    /// <exception cref="SpawnException">ENOENT naming the memory controller when it is not enabled here.</exception>
    public long MemoryPeak => ReadControllerValue("memory.peak\0"u8, "memory.peak", "memory");

    /// <summary>The most processes the cgroup held at once: <c>pids.peak</c> (pids controller, kernel 6.1+).</summary>
    /// <exception cref="SpawnException">ENOENT naming the pids controller when it is not enabled here.</exception>
    public long PidsPeak => ReadControllerValue("pids.peak\0"u8, "pids.peak", "pids");

    private long ReadControllerValue(ReadOnlySpan<byte> name, string fileName, string controller)
    {
        Span<byte> text = stackalloc byte[32];
        int length = CgroupFile.Read(Handle, name, text, out var error);
        if (length < 0)
            throw ControllerError(error, "read " + fileName, fileName, controller);
        return System.Buffers.Text.Utf8Parser.TryParse(text[..length], out long value, out _) ? value : -1;
    }
}
