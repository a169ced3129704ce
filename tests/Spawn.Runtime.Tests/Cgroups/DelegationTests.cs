using System.Globalization;
using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;

namespace Spawn.Runtime.Tests.Cgroups;

/// <summary>
/// <see cref="Cgroup.OpenDelegated(CgroupDelegationOptions)"/> on real cgroups. The setup moves the
/// process that calls it, so it runs in a runner process (<see cref="DelegationRunner"/>) born in a
/// fresh test cgroup, never in this test host. The hugetlb controller, the one cgroup2 gets in this
/// machine's hybrid layout, is enough to exercise the no-internal-processes rule.
/// </summary>
public sealed class DelegationTests : ReactorAwareTest
{
    private const string Controller = "hugetlb";
    private const uint Nobody = 65534;

    [SkippableFact]
    public void In_a_container_the_process_moves_into_a_leaf_and_job_scopes_beside_it_take_the_controller()
    {
        SkipUnlessContainerCanBePlayed();
        var cgroup = TestCgroup.Create("delegation-container");
        string runFolder = Path.GetDirectoryName(cgroup.Path)!;
        int foldersBefore = CountFolders(runFolder);
        IReadOnlyDictionary<string, string> report;
        using (ControllerChain.Enable(cgroup, Controller))
        {
            report = DelegationRunner.RunInContainer(cgroup, "container");
            string scope = CgroupMount.MountPoint!; // the runner's own cgroup2 mount shows its namespace root there

            Assert.Equal("/", report["cgroup-before"]);
            Assert.StartsWith("EBUSY", report["enable-before"], StringComparison.Ordinal);
            Assert.Equal($"{scope} {scope}", report["concurrent"]);
            Assert.Equal("/leaf", report["cgroup-after"]);
            Assert.Equal(scope, report["scope"]);
            Assert.Equal("leaf", report["scope-children"]);
            Assert.Equal(Controller, report["subtree-control"]);
            Assert.Equal(Controller, report["job-controllers"]);
            Assert.Equal("ok", report["enable-after"]);
            Assert.Equal("/job", report["born-in"]);
            Assert.Equal("2 processes, child killed by signal 9 (SIGKILL), empty True", report["kill"]);
            Assert.Equal("no-op", report["second"]);
            Assert.Equal("leaf", report["scope-children-end"]);

            // Seen from outside, after the runner exited: the leaf it sat in, the job scope gone.
            Assert.Equal(["leaf"], Directory.GetDirectories(cgroup.Path).Select(Path.GetFileName));
            Assert.Equal(Controller, File.ReadAllText(Path.Combine(cgroup.Path, "cgroup.subtree_control")).Trim());
        }

        Assert.False(Directory.Exists(cgroup.Path));
        Assert.Equal(foldersBefore - 1, CountFolders(runFolder));
    }

    [SkippableFact]
    public void Another_process_in_the_cgroup_is_listed_and_left_alone_unless_the_options_move_it()
    {
        SkipUnlessContainerCanBePlayed();
        var cgroup = TestCgroup.Create("delegation-shared");
        using (ControllerChain.Enable(cgroup, Controller))
        {
            using var folder = cgroup.OpenDirectory();
            using var attributes = new SpawnAttributes { Cgroup = folder };
            using PidFd sibling = Spawner.PidFdSpawn("/bin/sleep", null, attributes, ["sleep", "1000"], null);
            try
            {
                var report = DelegationRunner.RunInContainer(cgroup, "shared", sibling.Pid.ToString(CultureInfo.InvariantCulture));

                Assert.StartsWith("EBUSY", report["refused"], StringComparison.Ordinal);
                Assert.Contains($"process {sibling.Pid} (sleep)", report["refused"], StringComparison.Ordinal);
                Assert.Contains("MoveOtherProcesses", report["refused"], StringComparison.Ordinal);
                Assert.Contains("root of a cgroup namespace", report["refused"], StringComparison.Ordinal);
                Assert.Equal("none", report["children-after-refusal"]);
                Assert.Equal("/", report["cgroup-after-refusal"]);

                Assert.Equal("ok", report["moved"]);
                Assert.Equal("/leaf", report["cgroup-after"]);
                Assert.Equal("/leaf", report["sibling-cgroup"]);
                Assert.Contains($"0::{cgroup.PathInHierarchy}/leaf", File.ReadAllLines($"/proc/{sibling.Pid}/cgroup"));
            }
            finally
            {
                sibling.SendSignal(Signals.SIGKILL);
                sibling.WaitForExit();
            }
        }

        Assert.False(Directory.Exists(cgroup.Path));
    }

    [SkippableTheory]
    [InlineData(false, "which is not delegated to it")]
    [InlineData(true, "which systemd delegated to another user")]
    public void A_user_who_may_not_write_the_cgroup_is_told_how_to_get_a_delegated_one(bool marked, string delegation)
    {
        Skip.IfNot(LibC.GetEUid() == 0, "running the runner as uid 65534 needs root");
        using var cgroup = TestCgroup.Create("delegation-unprivileged");
        Skip.IfNot(IsReadableByEveryone(AppContext.BaseDirectory), $"uid {Nobody} cannot read the runner in {AppContext.BaseDirectory}");
        // user.delegate, the mark a user manager sets, is readable by every user (trusted.* is not).
        if (marked)
            MarkDelegated(cgroup.Path, "user.delegate");

        var report = DelegationRunner.RunAsUser(cgroup, Nobody, "unprivileged");

        foreach (string step in (string[])["with-controller", "without-controller"])
        {
            Assert.StartsWith("EACCES", report[step], StringComparison.Ordinal);
            Assert.Contains("uid 65534", report[step], StringComparison.Ordinal);
            Assert.Contains(delegation, report[step], StringComparison.Ordinal);
            Assert.Contains("systemd-run --user --scope -p Delegate=yes", report[step], StringComparison.Ordinal);
            Assert.Contains("Delegate=yes in its systemd unit", report[step], StringComparison.Ordinal);
            Assert.Contains(cgroup.Path, report[step], StringComparison.Ordinal);
        }
        Assert.Equal("none", report["children"]);
    }

    [SkippableFact]
    public void A_read_only_cgroup2_mount_as_containers_have_by_default_names_the_engine_options()
    {
        SkipUnlessContainerCanBePlayed();
        using var cgroup = TestCgroup.Create("delegation-read-only");

        var report = DelegationRunner.RunInContainer(cgroup, readOnlyMount: true, "read-only");

        foreach (string step in (string[])["with-controller", "without-controller"])
        {
            Assert.StartsWith("EROFS", report[step], StringComparison.Ordinal);
            Assert.Contains("--privileged", report[step], StringComparison.Ordinal);
            Assert.Contains("--security-opt unmask=/sys/fs/cgroup", report[step], StringComparison.Ordinal);
        }
        Assert.Equal("none", report["children"]);
        Assert.Empty(Directory.GetDirectories(cgroup.Path));
    }

    [SkippableFact]
    public void A_controller_bound_to_cgroup_v1_is_named_with_the_way_out_before_anything_moves()
    {
        Skip.If(CgroupMount.MountPoint is null, "cgroup2 is not mounted here");
        var v1 = CgroupMount.FindV1Controllers(File.ReadAllText("/proc/self/cgroup"));
        Skip.IfNot(v1.Contains("memory"), "the memory controller is not bound to a cgroup v1 hierarchy here (not a hybrid layout)");
        string cgroupBefore = File.ReadAllText("/proc/self/cgroup");

        // Safe in the test host: the controllers are checked before anything is written.
        var exception = Assert.Throws<SpawnException>(() => Cgroup.OpenDelegated("memory"));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Contains("memory is bound to a cgroup v1 hierarchy", exception.Message, StringComparison.Ordinal);
        Assert.Contains("systemd.unified_cgroup_hierarchy=1", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("/cgroup.controllers", exception.Path, StringComparison.Ordinal);
        Assert.Equal(cgroupBefore, File.ReadAllText("/proc/self/cgroup"));
    }

    [Fact]
    public void The_v1_controllers_of_a_hybrid_layout_are_read_from_proc_self_cgroup() =>
        Assert.Equal(["cpu", "cpuacct", "memory"],
                     CgroupMount.FindV1Controllers("9:name=systemd:/\n4:memory:/x\n2:cpu,cpuacct:/\n0::/\n").Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void A_leaf_name_that_is_not_one_folder_is_refused_before_any_call(string leafName) =>
        Assert.Throws<ArgumentException>(() => Cgroup.OpenDelegated(new CgroupDelegationOptions { LeafName = leafName }));

    [Fact]
    public void A_controller_name_with_a_sign_or_a_space_is_refused_before_any_call()
    {
        Assert.Throws<ArgumentException>(() => Cgroup.OpenDelegated("+memory"));
        Assert.Throws<ArgumentException>(() => Cgroup.OpenDelegated("memory pids"));
    }

    [SkippableTheory]
    [InlineData("trusted.delegate")]
    [InlineData("user.delegate")]
    public void IsDelegated_reads_the_mark_systemd_puts_on_a_delegated_cgroup(string attribute)
    {
        using var test = TestCgroup.Create("delegate-mark");
        using var cgroup = Cgroup.Open(test.Path);
        Assert.False(cgroup.IsDelegated);

        MarkDelegated(test.Path, attribute);
        Assert.True(cgroup.IsDelegated);
    }

    // What systemd does to a cgroup it delegates; skips where cgroup2 takes no extended attributes.
    private static unsafe void MarkDelegated(string folder, string attribute)
    {
        byte one = (byte)'1';
        if (LibC.SetXattr(folder, attribute, &one, 1, 0) == 0)
            return;
        var error = Errno.FromLastPInvokeError();
        Skip.If(error == Errno.EOPNOTSUPP || error == Errno.EPERM, $"setxattr {attribute} on a cgroup: {error}");
        Assert.Fail($"setxattr {attribute}: {error}");
    }

    private static void SkipUnlessContainerCanBePlayed()
    {
        Skip.IfNot(LibC.GetEUid() == 0, "a cgroup and mount namespace for the runner need root (CAP_SYS_ADMIN)");
        Skip.If(CgroupMount.MountPoint is null, "cgroup2 is not mounted here");
        Skip.IfNot(File.Exists("/bin/mount") || File.Exists("/usr/bin/mount"), "no mount(8) to mount cgroup2 in the runner's namespace");
    }

    private static int CountFolders(string folder) => Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Length;

    private static bool IsReadableByEveryone(string folder) =>
        (File.GetUnixFileMode(folder) & (UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) == (UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
}
