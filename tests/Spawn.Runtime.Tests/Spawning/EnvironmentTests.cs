using System.Collections;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Spawning;

/// <summary>
/// What environment the child gets: exactly the given <c>envp</c>, or for null the environment a
/// <see cref="System.Diagnostics.Process"/> child would get (the managed view, which sees
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> where the C library's
/// <c>environ</c> does not); the <c>P</c> forms search that view's PATH.
/// </summary>
public sealed class EnvironmentTests : LeakCheckedTest
{
    private const string Variable = "SPAWN_RUNTIME_TESTS_VARIABLE";

    [Fact]
    public void An_explicit_envp_is_the_whole_environment_in_order()
    {
        string[] envp = ["B=2", "A=1", "EMPTY="];

        ProbeReport report = RunProbe(envp, "env");

        Assert.Equal(envp, report.All("env"));
    }

    [Fact]
    public void An_empty_envp_gives_an_empty_environment()
    {
        ProbeReport report = RunProbe([], "env");

        Assert.Empty(report.All("env"));
    }

    [Fact]
    public void A_null_envp_gives_the_managed_environment_with_its_changes()
    {
        Environment.SetEnvironmentVariable(Variable, "set from managed code");
        try
        {
            ProbeReport report = RunProbe(null, "env");

            var expected = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(entry => $"{entry.Key}={entry.Value}");
            Assert.Equal(expected.Order(StringComparer.Ordinal), report.All("env").Order(StringComparer.Ordinal));
            Assert.Contains($"{Variable}=set from managed code", report.All("env"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void PidFdSpawnP_searches_the_managed_PATH()
    {
        using var directory = new TestDirectory();
        File.CreateSymbolicLink(directory["spawn-probe-on-path"], ProbeProgram.Path);
        string? path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", directory.Path + ":" + path);
        try
        {
            using PidFd pidfd = Spawner.PidFdSpawnP("spawn-probe-on-path", null, null, ["spawn-probe-on-path", "exit", "5"], []);

            Assert.Equal(5, pidfd.WaitForExit().ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    private static ProbeReport RunProbe(IReadOnlyList<string>? envp, params string[] commands)
    {
        using var output = new ProbeOutput();
        using (PidFd pidfd = Spawner.PidFdSpawn(ProbeProgram.Path, output.RedirectStdout(null), null, ProbeProgram.Argv(commands), envp))
        {
            Assert.Equal(0, pidfd.WaitForExit().ExitCode);
        }

        return output.Read();
    }
}
