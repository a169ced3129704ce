using System.Diagnostics;
using System.Runtime.InteropServices;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Seccomp;

/// <summary>
/// Starts Spawn.Runtime.SeccompRunner (tests/Spawn.Runtime.SeccompRunner, built next to this
/// assembly) in a dotnet process of its own, under a seccomp filter that refuses one system call,
/// and returns its report: one outcome per step.
/// </summary>
internal static class SeccompRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Spawn.Runtime.SeccompRunner.dll");

    /// <summary>Skips the test on an architecture the runner has no system call numbers for.</summary>
    public static void SkipUnlessSupported() =>
        Skip.IfNot(RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64,
            $"the seccomp filter knows the system call numbers of x86-64 and aarch64 only, not {RuntimeInformation.ProcessArchitecture}");

    /// <summary>Runs the steps with <paramref name="call"/> ("none" for no filter) refused with <paramref name="errno"/>; asserts the runner exited with 0 and wrote nothing to stderr.</summary>
    public static IReadOnlyDictionary<string, string> Run(string call, string errno, string cgroupPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path, call, errno, ProbeProgram.Path, cgroupPath })
            start.ArgumentList.Add(argument);
        using Process runner = Process.Start(start)!;
        // Process.Dispose leaves the redirected pipes to their readers: closed here, they are not
        // left to the finalizer, where the leak check would count them.
        using StreamReader standardError = runner.StandardError;
        using StreamReader standardOutput = runner.StandardOutput;
        Task<string> errors = standardError.ReadToEndAsync();
        Task<string> output = standardOutput.ReadToEndAsync();
        if (!runner.WaitForExit(Timeout))
        {
            runner.Kill();
            runner.WaitForExit();
            Assert.Fail($"the runner for {call} {errno} did not finish in {Timeout.TotalSeconds} s; it said:\n{output.Result}");
        }

        Assert.True(runner.ExitCode == 0 && errors.Result.Length == 0,
            $"the runner for {call} {errno} exited with {runner.ExitCode}; it said:\n{output.Result}\n{errors.Result}");
        var report = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            report.Add(line[..space], line[(space + 1)..]);
        }

        return report;
    }
}
