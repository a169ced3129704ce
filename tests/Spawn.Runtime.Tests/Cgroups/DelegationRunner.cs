using Spawn.Cgroups;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Cgroups;

/// <summary>
/// Starts Spawn.Runtime.DelegationRunner (tests/Spawn.Runtime.DelegationRunner, built next to this
/// assembly) born in a test cgroup (<c>CLONE_INTO_CGROUP</c>), so that the delegated setup moves it and
/// never this test host, and returns its report: one outcome per step.
/// </summary>
internal static class DelegationRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // In the new mount namespace: stop mount events from reaching the host's namespace, then mount
    // cgroup2 afresh, which shows the new cgroup namespace's root, as a container engine mounts it;
    // "ro" then makes this one mount read-only (a bind remount: the file system stays writable
    // everywhere else), as engines do by default.
    private const string ContainerScript =
        """set -e; mount --make-rprivate /; umount "$1"; mount -t cgroup2 cgroup2 "$1"; """
        + """if [ "$2" = ro ]; then mount -o remount,bind,ro "$1"; fi; shift 2; exec dotnet "$@" """;

    private static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Spawn.Runtime.DelegationRunner.dll");

    /// <summary>
    /// Runs the scenario where a container's process would be: after its birth in
    /// <paramref name="cgroup"/>, <c>unshare(CLONE_NEWCGROUP | CLONE_NEWNS)</c> makes that cgroup the root
    /// of its cgroup namespace, and its <c>/proc/self/cgroup</c> says <c>0::/</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RunInContainer(TestCgroup cgroup, params string[] scenario) =>
        RunInContainer(cgroup, readOnlyMount: false, scenario);

    /// <summary>As <see cref="RunInContainer(TestCgroup, string[])"/>, with the runner's cgroup2 mount read-only when <paramref name="readOnlyMount"/>.</summary>
    public static IReadOnlyDictionary<string, string> RunInContainer(TestCgroup cgroup, bool readOnlyMount, params string[] scenario) =>
        Run(cgroup, actions => actions.AddUnshare(Namespaces.CLONE_NEWCGROUP | Namespaces.CLONE_NEWNS),
            ["sh", "-c", ContainerScript, "sh", CgroupMount.MountPoint!, readOnlyMount ? "ro" : "rw", Path, .. scenario]);

    /// <summary>Runs the scenario as user and group <paramref name="id"/>, with no supplementary groups.</summary>
    public static IReadOnlyDictionary<string, string> RunAsUser(TestCgroup cgroup, uint id, params string[] scenario) =>
        Run(cgroup, actions => actions.AddSetGroups([]).AddSetGid(id).AddSetUid(id),
            ["sh", "-c", """exec dotnet "$@" """, "sh", Path, .. scenario]);

    // stdout and stderr are opened while the child is still root, before the steps that may drop that.
    private static IReadOnlyDictionary<string, string> Run(TestCgroup cgroup, Func<SpawnFileActions, SpawnFileActions> steps, string[] argv)
    {
        using var files = new TestDirectory();
        var actions = new SpawnFileActions()
            .AddOpen(1, files["stdout"], OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .AddOpen(2, files["stderr"], OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var folder = cgroup.OpenDirectory();
        using var attributes = new SpawnAttributes { Cgroup = folder };
        ExitStatus status;
        using (PidFd runner = Spawner.PidFdSpawn("/bin/sh", steps(actions), attributes, argv, null))
        {
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                status = runner.WaitForExitAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                runner.SendSignal(Signals.SIGKILL);
                runner.WaitForExit();
                throw new Xunit.Sdk.XunitException($"the runner ({string.Join(' ', argv[^1..])}) did not finish in {Timeout.TotalSeconds} s; it said:\n{Read(files)}");
            }
        }

        string output = File.ReadAllText(files["stdout"]);
        Assert.True(status.Exited && status.ExitCode == 0 && File.ReadAllText(files["stderr"]).Length == 0,
            $"the runner {status}; it said:\n{Read(files)}");
        var report = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            report.Add(line[..space], line[(space + 1)..]);
        }

        return report;
    }

    private static string Read(TestDirectory files) =>
        (File.Exists(files["stdout"]) ? File.ReadAllText(files["stdout"]) : "") + (File.Exists(files["stderr"]) ? File.ReadAllText(files["stderr"]) : "");
}
