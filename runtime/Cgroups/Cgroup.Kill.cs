using System.Globalization;

namespace Spawn.Cgroups;

public sealed partial class Cgroup
{
    /// <summary>
    /// Kills every process in this cgroup and below it with SIGKILL, including grandchildren that
    /// double-forked away from their parent: writes <c>1</c> to <c>cgroup.kill</c> (kernel 5.14+). On older
    /// kernels it freezes the tree (<c>cgroup.freeze</c>), so nothing can fork while it works, sends SIGKILL
    /// to every pid of every <c>cgroup.procs</c> below, and thaws it again. Returns without waiting for the
    /// processes to be gone: use <see cref="WaitUntilEmpty(TimeSpan)"/> for that.
    /// </summary>
    /// <exception cref="SpawnException">The write to <c>cgroup.kill</c> (or the fallback's freeze, read or kill) failed.</exception>
    public void Kill()
    {
        if (CgroupFile.Write(Handle, "cgroup.kill\0"u8, "1"u8, out var error))
            return;
        if (error != Errno.ENOENT)
            throw new SpawnException("write cgroup.kill", error, Path + "/cgroup.kill");
        KillByFreezing();
    }

    /// <summary>The fallback of <see cref="Kill"/> for kernels without <c>cgroup.kill</c> (before 5.14).</summary>
    internal void KillByFreezing()
    {
        // A frozen cgroup's tasks cannot fork, and a child forked into it is born frozen, so the set read
        // from cgroup.procs is complete; SIGKILL still kills a frozen task in cgroup v2.
        WriteInterfaceFile("cgroup.freeze\0"u8, "1"u8, "cgroup.freeze");
        try
        {
            KillEveryProcessBelow(Path);
        }
        finally
        {
            WriteInterfaceFile("cgroup.freeze\0"u8, "0"u8, "cgroup.freeze");
        }
    }

    private static void KillEveryProcessBelow(string folder)
    {
        string procsPath = folder + "/cgroup.procs";
        foreach (var line in File.ReadLines(procsPath))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Interop.CgroupSyscalls.Kill(pid, Signals.SIGKILL) < 0)
            {
                var error = Errno.FromLastPInvokeError();
                if (error != Errno.ESRCH)
                    throw new SpawnException("kill", error, procsPath);
            }
        }
        foreach (string child in Directory.EnumerateDirectories(folder))
            KillEveryProcessBelow(child);
    }
}
