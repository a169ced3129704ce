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

    /// <summary>
    /// Sends <paramref name="signal"/> to every process in this cgroup and below it, including
    /// grandchildren that double-forked away: freezes the tree (<c>cgroup.freeze</c>), so nothing can
    /// fork while it works, sends the signal with <c>kill</c> to every pid of every <c>cgroup.procs</c>
    /// below, and thaws it again; the processes act on the signal once thawed. For SIGKILL prefer
    /// <see cref="Kill"/>.
    /// </summary>
    /// <param name="signal">The signal number (<see cref="Signals"/>).</param>
    /// <exception cref="SpawnException">The freeze, a read of <c>cgroup.procs</c> or a <c>kill</c> failed
    /// (EINVAL for a bad signal, EPERM); ENOENT for <c>cgroup.freeze</c> before Linux 5.2.</exception>
    public void SendSignal(int signal)
    {
        // A frozen cgroup's tasks cannot fork, and a child forked into it is born frozen, so the set read
        // from cgroup.procs is complete; a signal stays pending on a frozen task (SIGKILL kills it at once).
        WriteInterfaceFile("cgroup.freeze\0"u8, "1"u8, "cgroup.freeze");
        try
        {
            SignalEveryProcessBelow(Path, signal);
        }
        finally
        {
            WriteInterfaceFile("cgroup.freeze\0"u8, "0"u8, "cgroup.freeze");
        }
    }

    /// <summary>The fallback of <see cref="Kill"/> for kernels without <c>cgroup.kill</c> (before 5.14).</summary>
    internal void KillByFreezing() => SendSignal(Signals.SIGKILL);

    private static void SignalEveryProcessBelow(string folder, int signal)
    {
        string procsPath = folder + "/cgroup.procs";
        foreach (var line in File.ReadLines(procsPath))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Interop.CgroupSyscalls.Kill(pid, signal) < 0)
            {
                var error = Errno.FromLastPInvokeError();
                if (error != Errno.ESRCH)
                    throw new SpawnException("kill", error, procsPath);
            }
        }
        foreach (string child in Directory.EnumerateDirectories(folder))
            SignalEveryProcessBelow(child, signal);
    }
}
