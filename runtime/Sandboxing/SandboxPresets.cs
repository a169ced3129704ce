using Spawn.Interop;

namespace Spawn.Sandboxing;

/// <summary>Profiles to start from; each returns a new <see cref="SandboxProfile"/> the caller may change further.</summary>
public static class SandboxPresets
{
    // The folders a dynamically linked program and a shell need to start.
    private static readonly string[] s_systemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/etc"];

    // Calls a sandboxed program has no business making; refused with EPERM.
    private static readonly string[] s_privilegedCalls =
    [
        "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "unshare", "setns",
        "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "kexec_load",
        "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff",
    ];

    /// <summary>
    /// No network, a read-only system, one writable folder: the system folders (<c>/usr</c>,
    /// <c>/bin</c>, <c>/lib*</c>, <c>/etc</c>) readable and executable, <paramref name="writableFolder"/>
    /// readable and writable (not executable), <c>/dev/null</c> writable, nothing else visible; TCP bind
    /// and connect refused on every port (Landlock ABI 4), and, when the caller is root, a new network
    /// namespace with nothing in it (which also stops UDP and raw sockets); the child starts in
    /// <paramref name="writableFolder"/>. System folders that do not exist here are left out.
    /// </summary>
    public static SandboxProfile NoNetworkReadOnlySystem(string writableFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(writableFolder);
        var profile = new SandboxProfile();
        foreach (string folder in s_systemFolders)
        {
            if (Directory.Exists(folder))
                profile.AllowReadExecute(folder);
        }
        profile.AllowPath("/dev/null", LandlockFileSystemAccess.ReadFile | LandlockFileSystemAccess.WriteFile);
        profile.AllowReadWrite(writableFolder);
        profile.RestrictTcp();
        if (CgroupSyscalls.GetEUid() == 0)
            profile.UnshareNamespaces = Namespaces.CLONE_NEWNET;
        profile.WorkingDirectory = writableFolder;
        return profile;
    }

    /// <summary>
    /// For code nobody reviewed: <see cref="NoNetworkReadOnlySystem"/>, plus every capability dropped,
    /// signals and abstract Unix sockets scoped to the sandbox (Landlock ABI 6), and the calls that
    /// inspect other processes or change the system (ptrace, mount, unshare, bpf, module loading ...)
    /// refused with EPERM.
    /// </summary>
    public static SandboxProfile Untrusted(string writableFolder)
    {
        var profile = NoNetworkReadOnlySystem(writableFolder);
        profile.KeepCapabilities();
        profile.Scopes = LandlockScopes.AbstractUnixSocket | LandlockScopes.Signal;
        foreach (string call in s_privilegedCalls)
            profile.DenySyscall(call, Errno.EPERM);
        return profile;
    }
}
