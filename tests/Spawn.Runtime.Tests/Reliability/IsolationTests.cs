using System.Globalization;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Reliability;

/// <summary>
/// What a child can reach of its parent: only the descriptors it was given (every one of it,
/// checked from <c>/proc/PID/fd</c> while it runs), and a child born into a cgroup is never seen in
/// the cgroup it was spawned from.
/// </summary>
public sealed class IsolationTests(ITestOutputHelper output) : LeakCheckedTest
{
    private const int CgroupSpawns = 200;

    /// <summary>
    /// While the test holds a pidfd, a cgroup descriptor owned by attributes, close-on-exec pipe
    /// ends and the runtime's own descriptors (epoll), a child blocked on its stdin must hold its
    /// stdin and exactly the descriptors this process holds without FD_CLOEXEC, no more.
    /// </summary>
    [SkippableFact]
    public void A_running_child_holds_only_what_it_was_given()
    {
        using TestCgroup cgroup = TestCgroup.Create("isolation");
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(cgroup.Path);
        using PidFd other = Spawner.PidFdSpawn(ProbeProgram.Path, null, null, ProbeProgram.Argv("exit", "0"), null);
        using var gate = new TestPipe();
        using var started = new TestPipe();
        SortedSet<int> inheritable = InheritableDescriptors();
        using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path,
            new SpawnFileActions().AddDup2(gate.ReadEnd.Fd(), 0).AddDup2(started.WriteEnd.Fd(), 1), attributes,
            ProbeProgram.Argv("write", "1", "!", "wait-stdin"), null);
        try
        {
            // The spawn returns once the child's execve has let go of our memory (the vfork release),
            // but the kernel closes the close-on-exec descriptors a little later in that execve: the
            // probe's first byte says its exec is complete.
            using (var output = new FileStream(started.ReadEnd, FileAccess.Read, bufferSize: 0))
                Assert.Equal('!', output.ReadByte());
            var held = new SortedDictionary<int, string>();
            foreach (string entry in Directory.GetFileSystemEntries($"/proc/{child.Pid.Text()}/fd"))
                held[int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture)] = new FileInfo(entry).LinkTarget ?? "?";

            output.WriteLine("the child holds: " + string.Join(", ", held.Select(pair => $"{pair.Key} -> {pair.Value}")));
            Assert.Equal(inheritable.Union([0]).Order(), held.Keys);
            Assert.DoesNotContain(held.Values, target => target.Contains("pidfd", StringComparison.Ordinal)
                || target.Contains("eventpoll", StringComparison.Ordinal) || target == cgroup.Path);
        }
        finally
        {
            gate.Release();
            Assert.Equal(0, child.WaitForExit().ExitCode);
            other.WaitForExit();
        }
    }

    /// <summary>
    /// One thread reads <c>cgroup.procs</c> of this process's own cgroup as fast as it can while
    /// children are spawned into a test cgroup below it: CLONE_INTO_CGROUP places them at birth,
    /// so none may ever be listed there, not even for an instant.
    /// </summary>
    [SkippableFact]
    public void A_child_spawned_into_a_cgroup_never_appears_in_the_parent_cgroup()
    {
        using TestCgroup cgroup = TestCgroup.Create("never-outside");
        string parentProcs = Path.Combine(Directory.GetParent(cgroup.Path)!.Parent!.FullName, "cgroup.procs");
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(cgroup.Path);
        Assert.Equal(cgroup.PathInHierarchy, ProbeChild.RunToSuccess(null, attributes, "cgroup")["cgroup"]);

        var seen = new HashSet<int>();
        int polls = 0;
        using var stop = new CancellationTokenSource();
        var poller = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (string line in File.ReadAllLines(parentProcs))
                    seen.Add(int.Parse(line, CultureInfo.InvariantCulture));
                polls++;
            }
        });
        poller.Start();
        var spawned = new List<int>();
        try
        {
            for (int i = 0; i < CgroupSpawns; i++)
            {
                using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, null, attributes, ProbeProgram.Argv("exit", "0"), null);
                spawned.Add(child.Pid);
                Assert.Equal(0, child.WaitForExit().ExitCode);
            }
        }
        finally
        {
            stop.Cancel();
            poller.Join();
        }

        output.WriteLine($"{CgroupSpawns} spawns into {cgroup.PathInHierarchy}; {polls} reads of {parentProcs}; children seen there: {spawned.Count(seen.Contains)}");
        Assert.True(polls > 0, "the poller never read cgroup.procs");
        Assert.DoesNotContain(spawned, seen.Contains);
        AssertListedWhileRunningWithoutCgroup(parentProcs);
    }

    /// <summary>The control: a child spawned without a cgroup is listed in the parent's cgroup.procs, so the file read above is the right one.</summary>
    private static void AssertListedWhileRunningWithoutCgroup(string parentProcs)
    {
        using var gate = new TestPipe();
        using PidFd child = Spawner.PidFdSpawn(ProbeProgram.Path, new SpawnFileActions().AddDup2(gate.ReadEnd.Fd(), 0), null,
            ProbeProgram.Argv("wait-stdin"), null);
        try
        {
            Assert.Contains(child.Pid.Text(), File.ReadAllLines(parentProcs));
        }
        finally
        {
            gate.Release();
            Assert.Equal(0, child.WaitForExit().ExitCode);
        }
    }

    /// <summary>The descriptors of this process without FD_CLOEXEC: the ones exec lets a child keep.</summary>
    private static SortedSet<int> InheritableDescriptors()
    {
        const int FD_CLOEXEC = 1;
        return new SortedSet<int>(ProcessResources.Capture().Descriptors.Keys.Where(fd =>
        {
            int flags = LibC.Fcntl(fd, LibC.F_GETFD, 0);
            return flags >= 0 && (flags & FD_CLOEXEC) == 0;
        }));
    }
}
