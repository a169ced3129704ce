using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// A cgroup2 folder for one test, under a folder of this test run next to the test process's own
/// cgroup. Disposing kills whatever still runs in it, waits until it is empty and removes it; the
/// run's folder is removed when the test process exits. Made with plain file operations, so that a
/// spawn test does not depend on the <see cref="Cgroup"/> class it might be testing.
/// </summary>
public sealed class TestCgroup : IDisposable
{
    private static readonly TimeSpan EmptyTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<string> s_runFolder = new(CreateRunFolder);
    private static int s_count;

    private TestCgroup(string path, string pathInHierarchy)
    {
        Path = path;
        PathInHierarchy = pathInHierarchy;
    }

    /// <summary>The folder's full path under the cgroup2 mount.</summary>
    public string Path { get; }

    /// <summary>The cgroup as a member process sees it in the <c>0::</c> line of <c>/proc/self/cgroup</c>.</summary>
    public string PathInHierarchy { get; }

    /// <summary>Creates a fresh cgroup, or skips the test with the reason when the machine cannot.</summary>
    public static TestCgroup Create(string name)
    {
        string? mount = CgroupMount.MountPoint;
        Skip.If(mount is null, "cgroup2 is not mounted (no cgroup2 line in /proc/self/mountinfo)");
        string unique = $"{name}-{Interlocked.Increment(ref s_count).ToString(CultureInfo.InvariantCulture)}";
        string path = System.IO.Path.Combine(s_runFolder.Value, unique);
        Directory.CreateDirectory(path);
        return new TestCgroup(path, "/" + System.IO.Path.GetRelativePath(mount!, path));
    }

    /// <summary>Opens the folder as CLONE_INTO_CGROUP needs it (O_RDONLY | O_DIRECTORY | O_CLOEXEC).</summary>
    public SafeFileHandle OpenDirectory() => LibC.OpenOwned(Path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);

    /// <summary>The pids in <c>cgroup.procs</c>.</summary>
    public IReadOnlyList<int> Processes() =>
        File.ReadAllLines(System.IO.Path.Combine(Path, "cgroup.procs")).Select(line => int.Parse(line, CultureInfo.InvariantCulture)).ToList();

    public void Dispose() => Remove(Path);

    private static string CreateRunFolder()
    {
        string? own = CgroupMount.FindUnifiedCgroupPath(File.ReadAllText("/proc/self/cgroup"));
        Skip.If(own is null, "this process has no cgroup2 (\"0::\") line in /proc/self/cgroup");
        string folder = System.IO.Path.Join(CgroupMount.MountPoint, own, $"spawn-runtime-tests-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new SkipException($"cannot create a cgroup under {folder}: {exception.Message}", exception);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
        return folder;
    }

    // rmdir fails with EBUSY while a process is still inside; cgroup.kill (5.14) empties it.
    private static void Remove(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string child in Directory.GetDirectories(folder))
        {
            Remove(child);
        }

        string kill = System.IO.Path.Combine(folder, "cgroup.kill");
        if (File.Exists(kill) && IsPopulated(folder))
        {
            File.WriteAllText(kill, "1");
        }

        var deadline = DateTime.UtcNow + EmptyTimeout;
        while (IsPopulated(folder) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Directory.Delete(folder);
    }

    private static bool IsPopulated(string folder) =>
        File.ReadAllLines(System.IO.Path.Combine(folder, "cgroup.events")).Contains("populated 1");
}
