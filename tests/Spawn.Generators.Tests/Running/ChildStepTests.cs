using System.Globalization;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// The child steps of generated specs (credentials, limits, namespaces), seen on a real child
/// through <c>/proc/PID</c> while it sleeps.
/// </summary>
public sealed class ChildStepTests
{
    private const uint Nobody = 65534;

    [SkippableFact]
    public void Groups_ids_no_new_privs_umask_and_limit_reach_the_child_in_declaration_order()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "changing to another user needs root");
        using PidFd child = TestSpecs.SleepAs(Nobody);
        try
        {
            Dictionary<string, string> status = File.ReadAllLines($"/proc/{child.Pid}/status")
                .Select(line => line.Split(':', 2))
                .ToDictionary(parts => parts[0], parts => parts[1].Trim());
            string limit = File.ReadAllLines($"/proc/{child.Pid}/limits").Single(line => line.StartsWith("Max open files", StringComparison.Ordinal));

            Assert.Equal("65534\t65534\t65534\t65534", status["Uid"]);
            Assert.Equal("65534\t65534\t65534\t65534", status["Gid"]);
            Assert.Equal("65534", status["Groups"]);
            Assert.Equal("1", status["NoNewPrivs"]);
            Assert.Equal("0027", status["Umask"]);
            Assert.Equal(["64", "128", "files"], limit["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Kill(child);
        }
    }

    [SkippableFact]
    public void Unshare_gives_a_new_network_namespace_and_setns_from_a_parameter_joins_it()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "unshare(CLONE_NEWNET) and setns need CAP_SYS_ADMIN");
        using PidFd holder = TestSpecs.SleepInNewNetwork();
        try
        {
            string theirs = NetworkOf(holder.Pid);
            Assert.NotEqual(NetworkOf(Environment.ProcessId), theirs);
            using Microsoft.Win32.SafeHandles.SafeFileHandle network = File.OpenHandle($"/proc/{holder.Pid}/ns/net");

            using PidFd joined = TestSpecs.SleepInNetwork(network);
            try
            {
                Assert.Equal(theirs, NetworkOf(joined.Pid));
            }
            finally
            {
                Kill(joined);
            }
        }
        finally
        {
            Kill(holder);
        }
    }

    [Fact]
    public void Constant_steps_that_need_no_privilege_reach_the_child()
    {
        Assert.Equal(0, TestSpecs.CheckConstantSteps().ExitCode);
    }

    [SkippableFact]
    public void Steps_run_in_declaration_order_and_a_failing_one_names_itself()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "setresuid to nobody needs root (unprivileged, the first step would fail instead)");

        SpawnException error = Assert.Throws<SpawnException>(() => TestSpecs.SetGidAfterSetUid());

        Assert.Equal(Errno.EPERM, error.Errno);
        Assert.Equal(1, error.ActionIndex);
        Assert.Equal(SpawnFileActionKind.SetGid, error.ActionKind);
    }

    [Fact]
    public void A_missing_chroot_folder_is_ENOENT_with_the_path_built_from_the_parameter()
    {
        SpawnException error = Assert.Throws<SpawnException>(() => TestSpecs.ChrootInto("site"));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(1, error.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Chroot, error.ActionKind);
        Assert.Equal("/nonexistent-spawn-root/site", error.Path);
    }

    // The link's target names the namespace: "net:[4026531840]".
    private static string NetworkOf(int pid) => new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net").LinkTarget!;

    private static void Kill(PidFd child)
    {
        child.SendSignal(Signals.SIGKILL);
        child.WaitForExit();
    }
}
