using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of the glibc patch set's <c>tst-spawn-cgroup.c</c>: with a cgroup attribute the child is born in that
/// cgroup (CLONE_INTO_CGROUP): the first thing the probe does is read its own /proc/self/cgroup,
/// and it is already there. An invalid cgroup descriptor gives EBADF, and the test cgroups are
/// removed afterwards.
/// </summary>
public sealed class CgroupSpawnTests : LeakCheckedTest
{
    [SkippableFact]
    public void The_child_is_in_the_cgroup_from_its_first_instruction()
    {
        using TestCgroup cgroup = TestCgroup.Create("born-in");
        using SafeFileHandle folder = cgroup.OpenDirectory();
        using var attributes = new SpawnAttributes { Cgroup = folder };

        ProbeReport report = ProbeChild.RunToSuccess(null, attributes, "cgroup");

        Assert.True(attributes.Flags.HasFlag(SpawnFlags.SetCgroup));
        Assert.Equal(cgroup.PathInHierarchy, report["cgroup"]);
    }

    [SkippableFact]
    public void SetCgroupPath_opens_the_folder_and_PosixSpawn_honours_it()
    {
        using TestCgroup cgroup = TestCgroup.Create("by-path");
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(cgroup.Path);
        using var output = new ProbeOutput();
        using var gate = new TestPipe();
        SpawnFileActions actions = output.RedirectStdout(new SpawnFileActions().AddDup2(gate.ReadEnd.Fd(), 0));

        int pid = Spawner.PosixSpawn(ProbeProgram.Path, actions, attributes, ProbeProgram.Argv("wait-stdin", "cgroup"), null);
        using PidFd pidfd = PidFd.Open(pid);
        IReadOnlyList<int> members = cgroup.Processes();
        gate.Release();

        Assert.Equal(0, pidfd.WaitForExit().ExitCode);
        Assert.Equal([pid], members);
        Assert.Equal(cgroup.PathInHierarchy, output.Read()["cgroup"]);
    }

    [SkippableFact]
    public void A_descriptor_that_is_not_open_fails_with_EBADF_and_no_child()
    {
        using TestCgroup cgroup = TestCgroup.Create("closed-fd");
        using var notOpen = new SafeFileHandle(LibC.FirstClosedAbove(2), ownsHandle: false);
        using var attributes = new SpawnAttributes { Cgroup = notOpen };

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.EBADF, exception.Errno);
        Assert.Equal(SpawnStage.Clone, exception.Stage);
        Assert.Empty(cgroup.Processes());
    }

    [SkippableFact]
    public void A_descriptor_that_is_not_a_cgroup_folder_fails_with_EBADF()
    {
        using SafeFileHandle notCgroup = LibC.OpenOwned("/dev/null", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
        using var attributes = new SpawnAttributes { Cgroup = notCgroup };

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.EBADF, exception.Errno);
    }

    [SkippableFact]
    public void The_test_cgroup_is_removed_on_dispose_even_with_a_process_left_inside()
    {
        TestCgroup cgroup = TestCgroup.Create("removed");
        using (SafeFileHandle folder = cgroup.OpenDirectory())
        using (var attributes = new SpawnAttributes { Cgroup = folder })
        using (PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv("sleep", "10000"), null))
        {
            cgroup.Dispose();

            Assert.Equal(Signals.SIGKILL, pidfd.WaitForExit().Signal);
        }

        Assert.False(Directory.Exists(cgroup.Path));
    }
}
