using Spawn.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Seccomp;

/// <summary>
/// Forced kernel refusals: the runtime runs in a child process whose main thread has a seccomp
/// filter that makes one system call fail with ENOSYS, EPERM or EINVAL (for waitid only with
/// P_PIDFD, for ioctl only with PIDFD_GET_INFO), installed before the runtime probes anything. Every
/// rung of the support ladder must take its documented path: a fallback whose child really ran, or
/// a clear <see cref="SpawnException"/> naming the call and the errno; nothing crashes, and the
/// runner holds no more descriptors and no child at the end than at the start.
/// </summary>
public sealed class SeccompRefusalTests(ITestOutputHelper output) : LeakCheckedTest
{
    // The runner is started with Process, whose first start sets up the runtime's SIGCHLD handling;
    // its descriptors live as long as the process: made here, before the leak check counts them.
    static SeccompRefusalTests()
    {
        using var process = System.Diagnostics.Process.Start("/bin/true");
        process.WaitForExit();
    }

    public static TheoryData<string, string> Refusals()
    {
        var data = new TheoryData<string, string>();
        foreach (string call in new[] { "clone3", "waitid-pidfd", "pidfd_open", "pidfd_send_signal", "close_range", "pidfd-get-info" })
        {
            foreach (string errno in new[] { "ENOSYS", "EPERM", "EINVAL" })
                data.Add(call, errno);
        }

        return data;
    }

    [SkippableFact]
    public void Without_a_filter_every_step_succeeds() => Check("none", "ENOSYS");

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public void A_refused_call_takes_its_documented_path(string call, string errno) => Check(call, errno);

    private void Check(string call, string errno)
    {
        IReadOnlyDictionary<string, string> expected = RefusalExpectation.For(call, errno);
        SeccompRunner.SkipUnlessSupported();
        using TestCgroup cgroup = TestCgroup.Create("seccomp");
        IReadOnlyDictionary<string, string> report = SeccompRunner.Run(call, errno, cgroup.Path);
        foreach (var (step, outcome) in report)
            output.WriteLine($"{step}: {outcome}");

        string[] descriptors = report["descriptors"].Split(' ');
        Assert.True(descriptors[0] == descriptors[1], $"the runner held {descriptors[0]} descriptors before the steps and {descriptors[1]} after");
        Dictionary<string, string> actual = report.Where(entry => entry.Key != "descriptors")
            .ToDictionary(entry => entry.Key, entry => RefusalExpectation.Comparable(entry.Key, entry.Value), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(entry => entry.Key, StringComparer.Ordinal), actual.OrderBy(entry => entry.Key, StringComparer.Ordinal));
        Assert.Empty(cgroup.Processes());
    }
}
