using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;
using Xunit;

namespace Spawn.Runtime.Tests.Cgroups;

public sealed class CgroupMountTests
{
    private const string HybridMountInfo = """
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime shared:9 - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime shared:10 master:3 - cgroup2 cgroup2 rw
        """;

    [Fact]
    public void Finds_cgroup2_in_a_hybrid_layout_past_the_v1_hierarchies_and_optional_fields() =>
        Assert.Equal("/sys/fs/cgroup/unified", CgroupMount.FindCgroup2Mount(HybridMountInfo)?.MountPoint);

    [Fact]
    public void Finds_cgroup2_in_a_unified_layout() =>
        Assert.Equal("/sys/fs/cgroup", CgroupMount.FindCgroup2Mount(
            "25 21 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n")?.MountPoint);

    [Fact]
    public void Decodes_the_octal_escapes_of_a_mount_point() =>
        Assert.Equal("/mnt/my cgroups", CgroupMount.FindCgroup2Mount("50 1 0:40 / /mnt/my\\040cgroups rw - cgroup2 none rw\n")?.MountPoint);

    [Fact]
    public void Answers_null_without_a_cgroup2_mount() =>
        Assert.Null(CgroupMount.FindCgroup2Mount("31 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"));

    [Fact]
    public void Reads_the_root_of_a_subtree_mount() =>
        Assert.Equal(new CgroupMount.Cgroup2Mount("/sys/fs/cgroup", "/docker/abc"),
                     CgroupMount.FindCgroup2Mount("25 21 0:22 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n"));

    [Theory]
    [InlineData("/", "/a/b", "/sys/fs/cgroup/a/b")]
    [InlineData("/", "/", "/sys/fs/cgroup")]
    [InlineData("/docker/abc", "/docker/abc", "/sys/fs/cgroup")]
    [InlineData("/docker/abc", "/docker/abc/worker", "/sys/fs/cgroup/worker")]
    [InlineData("/docker/abc", "/docker/abcd", null)]
    [InlineData("/docker/abc", "/other", null)]
    [InlineData("/../sibling", "/", null)]
    public void A_cgroup_is_found_under_the_mount_root(string root, string cgroupPath, string? expected) =>
        Assert.Equal(expected, CgroupMount.FindFolder(new CgroupMount.Cgroup2Mount("/sys/fs/cgroup", root), cgroupPath, Environment.ProcessId));

    [SkippableFact]
    public void Below_the_mount_root_the_folder_listing_the_process_is_found()
    {
        // What a process sees in a cgroup namespace that starts below the mount's root: "0::/worker"
        // and a mount root of "/..". The test's cgroup plays the mount; the child sits in b/worker.
        using var cgroup = TestCgroup.Create("namespace-root");
        foreach (string folder in (string[])["a", "a/worker", "b", "b/worker"])
            Directory.CreateDirectory(Path.Combine(cgroup.Path, folder));
        using var into = Cgroup.Open(Path.Combine(cgroup.Path, "b/worker"));
        using var attributes = new SpawnAttributes { Cgroup = into.Handle };
        using PidFd child = Spawner.PidFdSpawn("/bin/sleep", null, attributes, ["sleep", "30"], []);
        try
        {
            Assert.Equal(Path.Combine(cgroup.Path, "b/worker"),
                         CgroupMount.FindFolder(new CgroupMount.Cgroup2Mount(cgroup.Path, "/.."), "/worker", child.Pid));
            Assert.Null(CgroupMount.FindFolder(new CgroupMount.Cgroup2Mount(cgroup.Path, "/.."), "/worker", Environment.ProcessId));
        }
        finally
        {
            child.SendSignal(Signals.SIGKILL);
            child.WaitForExit();
        }
    }

    [SkippableFact]
    public void OpenCurrent_opens_the_cgroup_that_lists_this_process()
    {
        Skip.If(CgroupMount.MountPoint is null, "cgroup2 is not mounted here");
        using var current = Cgroup.OpenCurrent();
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        File.ReadAllLines(Path.Combine(current.Path, "cgroup.procs")));
    }

    [Fact]
    public void Reads_the_unified_line_of_proc_self_cgroup_among_v1_lines() =>
        Assert.Equal("/a/b", CgroupMount.FindUnifiedCgroupPath("4:memory:/x\n1:cpu:/\n0::/a/b\n"));

    [SkippableFact]
    public void The_mount_of_this_machine_is_a_cgroup2_folder()
    {
        Skip.If(CgroupMount.MountPoint is null, "cgroup2 is not mounted here");
        using var root = Cgroup.Open(Cgroup.Cgroup2Mount);
        Assert.True(File.Exists(Path.Combine(root.Path, "cgroup.procs")));
    }

    [Fact]
    public void Opening_a_folder_outside_cgroup2_names_it_and_fails_with_ENOTDIR()
    {
        var exception = Assert.Throws<SpawnException>(() => Cgroup.Open("/proc"));
        Assert.Equal(Errno.ENOTDIR, exception.Errno);
        Assert.Equal("/proc", exception.Path);
    }

    [Fact]
    public void A_relative_path_is_refused_before_any_call() =>
        Assert.Throws<ArgumentException>(() => Cgroup.Open("sys/fs/cgroup"));
}
