using System.Globalization;

namespace Spawn.Cgroups;

/// <summary>
/// The errors of <see cref="Cgroup.OpenDelegated(CgroupDelegationOptions)"/>: each names the call, the
/// file and the errno like every <see cref="SpawnException"/>, and also says why the kernel refused and
/// what to do about it, which EACCES, EBUSY or ENOENT alone would not.
/// </summary>
internal static class CgroupDelegationErrors
{
    /// <summary>How an application gets a cgroup it may manage under systemd, the usual init system.</summary>
    internal const string SystemdAdvice =
        "start the program with \"systemd-run --user --scope -p Delegate=yes <command>\" (in a login session), "
        + "or with Delegate=yes in its systemd unit (a service)";

    internal static readonly Errno EROFS = new(30);

    /// <summary>No cgroup2 mount: a cgroup v1 layout.</summary>
    internal static SpawnException NoCgroup2() => new(
        "find the cgroup2 mount in /proc/self/mountinfo: this machine mounts cgroup v1 only, and job scopes need cgroup2 "
        + "(boot with systemd.unified_cgroup_hierarchy=1, or mount cgroup2 next to the v1 hierarchies)",
        Errno.ENOENT);

    /// <summary>EACCES or EPERM (not this user's cgroup) or EROFS (a read-only mount) from <paramref name="call"/> on <paramref name="file"/>.</summary>
    internal static SpawnException Denied(Cgroup cgroup, string call, Errno error, string file)
    {
        string why = error == EROFS
            ? "the cgroup2 file system is mounted read-only here, as container engines mount it by default: Docker mounts it "
              + "writable only for a --privileged container, Podman with --security-opt unmask=/sys/fs/cgroup; or let the "
              + "engine set the limits (docker run --memory ...)"
            : string.Create(CultureInfo.InvariantCulture, $"this process (uid {Interop.CgroupSyscalls.GetEUid()}) may not manage its cgroup")
              + (cgroup.IsDelegated ? ", which systemd delegated to another user; to get one of your own, " : ", which is not delegated to it; to get one of your own, ")
              + SystemdAdvice;
        return new SpawnException($"set up job scopes: {why}; {call}", error, file == "." ? cgroup.Path : cgroup.Path + "/" + file);
    }

    /// <summary>Other processes share the cgroup that has to give up its processes, and may not be moved.</summary>
    internal static SpawnException SharedCgroup(Cgroup cgroup, IReadOnlyList<int> others, bool atNamespaceRoot)
    {
        string list = string.Join(", ", others.Select(Describe));
        string where = atNamespaceRoot
            ? " This cgroup is the root of a cgroup namespace (a container): commands started with \"docker exec\" or \"kubectl exec\" land here too."
            : "";
        return new SpawnException(
            $"set up job scopes: enabling controllers for child cgroups needs this cgroup to hold no process (the kernel's "
            + $"no-internal-processes rule), and it also holds {list}, which {(others.Count == 1 ? "is" : "are")} not this process's to move. Set "
            + $"{nameof(CgroupDelegationOptions)}.{nameof(CgroupDelegationOptions.MoveOtherProcesses)} to move them into the leaf too, "
            + $"or give the program a cgroup of its own: {SystemdAdvice}.{where} Nothing was moved; read cgroup.procs",
            Errno.EBUSY, cgroup.Path + "/cgroup.procs");
    }

    /// <summary>The wanted controllers the cgroup cannot use (<c>cgroup.controllers</c> lacks them).</summary>
    internal static SpawnException Unavailable(Cgroup cgroup, IReadOnlyList<string> missing, IReadOnlyList<string> available, IReadOnlySet<string> boundToV1)
    {
        string[] v1 = missing.Where(boundToV1.Contains).ToArray();
        string[] notPassed = missing.Except(v1).ToArray();
        var reasons = new List<string>();
        if (v1.Length > 0)
            reasons.Add($"{string.Join(", ", v1)} {(v1.Length == 1 ? "is" : "are")} bound to a cgroup v1 hierarchy (a hybrid layout, see "
                        + "/proc/self/cgroup), and a controller serves one version at a time: boot with systemd.unified_cgroup_hierarchy=1 "
                        + "for a unified layout, or ask only for what cgroup2 has here");
        if (notPassed.Length > 0)
            reasons.Add($"the parent cgroup did not enable {string.Join(", ", notPassed)} for this one (its cgroup.subtree_control): "
                        + "under systemd, Delegate=yes in the unit (or \"systemd-run -p Delegate=yes\") passes the controllers on, "
                        + "and a container gets those its engine enabled above it");
        return new SpawnException(
            $"set up job scopes: the cgroup cannot use {string.Join(", ", missing)} (cgroup.controllers: \"{string.Join(' ', available)}\"): "
            + string.Join("; ", reasons) + "; read cgroup.controllers",
            Errno.ENOENT, cgroup.Path + "/cgroup.controllers");
    }

    // "1234 (sleep)", and which of them this process spawned: those are most likely the surprise.
    private static string Describe(int pid)
    {
        string text = pid.ToString(CultureInfo.InvariantCulture);
        try
        {
            string stat = File.ReadAllText($"/proc/{text}/stat");
            int open = stat.IndexOf('(', StringComparison.Ordinal);
            int close = stat.LastIndexOf(')');
            string command = stat[(open + 1)..close];
            string parent = stat[(close + 2)..].Split(' ')[1];
            return parent == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
                ? $"process {text} ({command}, a child of this process)"
                : $"process {text} ({command})";
        }
        catch (IOException)
        {
            return $"process {text}"; // gone meanwhile
        }
    }
}
