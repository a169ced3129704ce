namespace Spawn.Sandboxing;

/// <summary>
/// What a sandboxed child may do: Landlock rules (paths, TCP ports, scopes), a seccomp filter,
/// the capabilities it keeps, and the existing steps a sandbox is made of (namespaces, user and
/// groups, resource limits, working folder, closing inherited descriptors, a clean environment).
/// <see cref="Compile()"/> does the expensive part once, in the parent (the Landlock ruleset, the
/// BPF program); the <see cref="Sandbox"/> it returns then adds its steps to any number of spawns
/// at no cost per spawn. Start from <see cref="SandboxPresets"/> or an empty profile.
/// </summary>
/// <remarks>
/// The child takes the steps in this order, after the caller's own file actions (docs/sandbox.md,
/// "Step order", says why): unshare; capabilities; setgroups, setgid, setuid; resource limits;
/// chdir; no_new_privs; landlock_restrict_self; closefrom(3); seccomp. Every step that fails ends the
/// spawn before exec with a <see cref="SpawnException"/> naming it and its errno.
/// </remarks>
public sealed class SandboxProfile
{
    private readonly List<(string Path, LandlockFileSystemAccess Access)> _paths = [];
    private readonly List<(ushort Port, LandlockNetworkAccess Access)> _ports = [];
    private readonly List<SeccompRule> _seccompRules = [];
    private readonly List<(int Resource, ulong Soft, ulong Hard)> _limits = [];
    private bool _restrictFileSystem;
    private bool _restrictTcp;
    private ulong? _capabilities;

    /// <summary>What to do with a restriction the kernel's Landlock cannot enforce; <see cref="UnenforceableRights.Fail"/> unless set.</summary>
    public UnenforceableRights Unenforceable { get; set; }

    /// <summary>Landlock scopes (ABI 6): IPC kept inside the sandbox.</summary>
    public LandlockScopes Scopes { get; set; }

    /// <summary>The seccomp filter's answer to calls no rule names: <see cref="SeccompAction.Allow"/> (a deny list) unless set.</summary>
    public SeccompAction SeccompDefault { get; set; } = SeccompAction.Allow;

    /// <summary><c>CLONE_NEW*</c> flags (<see cref="Namespaces"/>) the child unshares first; 0 for none.
    /// <c>CLONE_NEWNET</c> gives it a network namespace with only a loopback that is down.</summary>
    public int UnshareNamespaces { get; set; }

    /// <summary>The user the child runs as (setgroups to none, setgid, setuid), or null to keep the caller's.</summary>
    public (uint Uid, uint Gid)? RunAs { get; set; }

    /// <summary>The child's working folder, or null to keep the caller's.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Close every descriptor from 3 up (closefrom), so the child inherits only stdin, stdout and stderr. True unless set.</summary>
    public bool CloseOtherDescriptors { get; set; } = true;

    /// <summary>The child's whole environment (<c>NAME=value</c>); a minimal PATH unless set. Never the caller's.</summary>
    public IReadOnlyList<string> Environment { get; set; } = ["PATH=/usr/local/bin:/usr/bin:/bin"];

    /// <summary>Allows <paramref name="access"/> beneath <paramref name="path"/> (a folder and all it holds, or one file);
    /// everything else on the file system is refused (Landlock handles every right the ABI has).</summary>
    /// <exception cref="ArgumentException">The path is empty or contains a NUL character.</exception>
    public SandboxProfile AllowPath(string path, LandlockFileSystemAccess access)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        _paths.Add((path, access));
        _restrictFileSystem = true;
        return this;
    }

    /// <summary>Allows reading and executing beneath <paramref name="path"/>.</summary>
    public SandboxProfile AllowReadExecute(string path) => AllowPath(path, LandlockFileSystemAccess.ReadExecute);

    /// <summary>Allows reading beneath <paramref name="path"/>, not executing.</summary>
    public SandboxProfile AllowRead(string path) => AllowPath(path, LandlockFileSystemAccess.Read);

    /// <summary>Allows reading, writing, creating and removing beneath <paramref name="path"/>, not executing.</summary>
    public SandboxProfile AllowReadWrite(string path) => AllowPath(path, LandlockFileSystemAccess.ReadWrite);

    /// <summary>Refuses every file system access no <see cref="AllowPath"/> rule allows (implied by any rule).</summary>
    public SandboxProfile RestrictFileSystem()
    {
        _restrictFileSystem = true;
        return this;
    }

    /// <summary>Allows <c>connect</c> to TCP <paramref name="port"/> (Landlock ABI 4); other ports are refused.</summary>
    public SandboxProfile AllowTcpConnect(ushort port) => AllowTcp(port, LandlockNetworkAccess.ConnectTcp);

    /// <summary>Allows <c>bind</c> to TCP <paramref name="port"/> (Landlock ABI 4); other ports are refused.</summary>
    public SandboxProfile AllowTcpBind(ushort port) => AllowTcp(port, LandlockNetworkAccess.BindTcp);

    /// <summary>Refuses TCP bind and connect on every port no rule allows (Landlock ABI 4; implied by any port rule).</summary>
    public SandboxProfile RestrictTcp()
    {
        _restrictTcp = true;
        return this;
    }

    private SandboxProfile AllowTcp(ushort port, LandlockNetworkAccess access)
    {
        _ports.Add((port, access));
        _restrictTcp = true;
        return this;
    }

    /// <summary>Makes <paramref name="syscall"/> fail with <paramref name="errno"/> (seccomp).</summary>
    public SandboxProfile DenySyscall(string syscall, Errno errno) => AddSeccomp(syscall, SeccompAction.Error(errno));

    /// <summary>Kills the child with SIGSYS when it makes <paramref name="syscall"/> (seccomp).</summary>
    public SandboxProfile KillOnSyscall(string syscall) => AddSeccomp(syscall, SeccompAction.KillProcess);

    /// <summary>Allows <paramref name="syscall"/>: for an allow list (<see cref="SeccompDefault"/> not <see cref="SeccompAction.Allow"/>).</summary>
    public SandboxProfile AllowSyscall(string syscall) => AddSeccomp(syscall, SeccompAction.Allow);

    private SandboxProfile AddSeccomp(string syscall, SeccompAction action)
    {
        ArgumentException.ThrowIfNullOrEmpty(syscall);
        _seccompRules.Add(new SeccompRule(syscall, action));
        return this;
    }

    /// <summary>Keeps only <paramref name="capabilities"/>: in the bounding set (for a root child, what it
    /// gets at exec) and the permitted and effective sets. With <see cref="RunAs"/> they are also the
    /// inheritable set and, once the user changed, the ambient set, so that the non-root program keeps
    /// them through exec; without it inheritable and ambient are cleared. An empty list drops every capability.</summary>
    public SandboxProfile KeepCapabilities(params ReadOnlySpan<Capability> capabilities)
    {
        ulong mask = 0;
        foreach (var capability in capabilities)
            mask |= 1UL << (int)capability;
        _capabilities = mask;
        return this;
    }

    /// <summary>A resource limit (<c>prlimit64</c>), e.g. <c>RLIMIT_NPROC</c> = 6, <c>RLIMIT_NOFILE</c> = 7.</summary>
    public SandboxProfile LimitResource(int resource, ulong soft, ulong hard)
    {
        _limits.Add((resource, soft, hard));
        return this;
    }

    /// <summary>Compiles the profile for the running kernel's Landlock ABI (<see cref="Landlock.AbiVersion"/>).</summary>
    /// <exception cref="SandboxException">A restriction the ABI cannot enforce (with <see cref="UnenforceableRights.Fail"/>),
    /// a path the parent cannot open (its errno), an unknown system call name.</exception>
    public Sandbox Compile() => Compile(Landlock.AbiVersion);

    /// <summary>Compiles the profile as if the kernel's Landlock ABI were at most <paramref name="landlockAbiCeiling"/>:
    /// a program then behaves the same on every kernel from that ABI up.</summary>
    /// <exception cref="SandboxException">As <see cref="Compile()"/>.</exception>
    public Sandbox Compile(int landlockAbiCeiling)
    {
        int abi = Math.Min(landlockAbiCeiling, Landlock.AbiVersion);
        byte[]? seccomp = _seccompRules.Count > 0 || !SeccompDefault.IsAllow
            ? SeccompFilter.Compile(_seccompRules.ToArray(), SeccompDefault, SeccompFilter.Native)
            : null;

        LandlockRuleset? ruleset = null;
        if (_restrictFileSystem || _restrictTcp || Scopes != 0)
        {
            ruleset = LandlockRuleset.Create(abi,
                _restrictFileSystem ? LandlockFileSystemAccess.All : 0,
                _restrictTcp ? LandlockNetworkAccess.BindTcp | LandlockNetworkAccess.ConnectTcp : 0,
                Scopes, Unenforceable, _paths, _ports);
        }
        try
        {
            return new Sandbox(BuildSteps(ruleset, seccomp), ruleset, [.. Environment]);
        }
        catch
        {
            ruleset?.Dispose();
            throw;
        }
    }

    private SpawnFileActions BuildSteps(LandlockRuleset? ruleset, byte[]? seccomp)
    {
        var steps = new SpawnFileActions();
        if (UnshareNamespaces != 0)
            steps.AddUnshare(UnshareNamespaces);
        if (_capabilities is ulong keep)
        {
            // Before the user changes, while CAP_SETPCAP (to drop from the bounding set) and
            // CAP_SETUID / CAP_SETGID (to change ids) are still there. setresuid to a non-root user
            // clears the ambient set, so the set-uid step raises the kept ones as ambient after it;
            // exec then leaves the non-root program only those (CAP_SETUID / CAP_SETGID go).
            ulong permitted = RunAs is null ? keep : keep | (1UL << (int)Capability.Setuid) | (1UL << (int)Capability.Setgid);
            steps.AddCapabilities(keep, permitted, ambient: RunAs is null ? 0 : keep);
        }
        if (RunAs is var (uid, gid))
        {
            steps.AddSetGroups([]);
            steps.AddSetGid(gid);
            steps.AddSetUid(uid);
        }
        foreach (var (resource, soft, hard) in _limits)
            steps.AddResourceLimit(resource, soft, hard);
        if (WorkingDirectory is not null)
            steps.AddChdir(WorkingDirectory);
        steps.AddNoNewPrivileges();
        if (ruleset is not null)
            steps.AddLandlockRestrict(ruleset.Descriptor);
        if (CloseOtherDescriptors)
            steps.AddCloseFrom(3);
        if (seccomp is not null)
            steps.AddSeccompFilter(seccomp, 0);
        return steps;
    }
}
