using System.Runtime.CompilerServices;
using Spawn.Forking;
using Spawn;

namespace Spawn.ForkSample;

/// <summary>
/// What the forked child does, prepared by the parent: everything here is plain values and an
/// <see cref="ExecArguments"/> built before the fork, so the child allocates nothing.
/// </summary>
internal struct NamespaceJob
{
    /// <summary>The first of the exit codes that name a failed step.</summary>
    public const int FirstFailure = 120;

    /// <summary>The last of them.</summary>
    public const int LastFailure = 125;

    public int NetworkNamespace;
    public uint User;
    public uint Group;
    public ExecArguments Program;

    /// <summary>
    /// Forks a .NET child that runs <see cref="Run"/>. The managed child's residual risk (SPAWN0109)
    /// is acknowledged for this call only; the sample's default runs the same steps in C.
    /// </summary>
    public static PidFd Start(int networkNamespace, uint user, uint group, string command)
    {
        using ExecArguments shell = ExecArguments.Create("/bin/sh", ["sh", "-c", command]);
        var job = new NamespaceJob { NetworkNamespace = networkNamespace, User = user, Group = group, Program = shell };
#pragma warning disable SPAWN0109 // acknowledged: this mode shows the managed child on purpose
        return Fork.Run(Run, ref job);
#pragma warning restore SPAWN0109
    }

    /// <summary>The child: each step is one system call of the toolkit; the exit code says which failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Run(ref NamespaceJob job)
    {
        if (ForkChild.SetNs(job.NetworkNamespace, Namespaces.CLONE_NEWNET) != 0)
            return FirstFailure;
        if (ForkChild.Close(job.NetworkNamespace) != 0)
            return FirstFailure + 1;
        if (ForkChild.SetGroups([]) != 0)
            return FirstFailure + 2;
        // The group first: once the user is dropped, changing the group is no longer allowed.
        if (ForkChild.SetGid(job.Group) != 0 || ForkChild.SetUid(job.User) != 0)
            return FirstFailure + 3;
        if (ForkChild.PrctlNoNewPrivs() != 0)
            return FirstFailure + 4;
        ForkChild.Exec(job.Program);
        return LastFailure;
    }

    /// <summary>Names the step a failure exit code stands for.</summary>
    public static string Describe(int exitCode) => (exitCode - FirstFailure) switch
    {
        0 => "setns (join the network namespace)",
        1 => "close (the namespace descriptor)",
        2 => "setgroups (drop the supplementary groups)",
        3 => "setresgid / setresuid (become the unprivileged user)",
        4 => "prctl (no_new_privs)",
        _ => "exec",
    };
}
