using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;

namespace Spawn.Generators.Tests.Running;

/// <summary>The generated methods of <see cref="TestSpecs"/> spawn real processes with what the spec says.</summary>
public sealed class GeneratedSpawnTests
{
    [Fact]
    public void ExitStatus_return_spawns_and_waits()
    {
        Assert.Equal(3, TestSpecs.ExitWith(3).ExitCode);
        Assert.True(TestSpecs.ExitWith(0).Exited);
    }

    [Fact]
    public void String_and_char_span_parameters_arrive_as_the_same_argument()
    {
        Assert.Equal(0, TestSpecs.CompareTexts("grüße", "grüße".AsSpan()).ExitCode);
        Assert.Equal(1, TestSpecs.CompareTexts("a", "b".AsSpan()).ExitCode);
    }

    [Fact]
    public void An_argument_longer_than_the_stack_buffer_uses_a_rented_one()
    {
        string text = new('x', 5000);

        Assert.Equal(0, TestSpecs.CompareTexts(text, text.AsSpan()).ExitCode);
    }

    [Fact]
    public void Pid_return_hands_back_a_child_the_caller_reaps()
    {
        int pid = TestSpecs.StartTrue();

        using PidFd child = PidFd.Open(pid);
        Assert.Equal(0, child.WaitForExit().ExitCode);
    }

    [Fact]
    public void Placeholders_conditions_and_splats_become_argv()
    {
        using PidFd child = TestSpecs.PrintArguments("a b", -42, Color.Green, "ü"u8, verbose: true, quiet: false, ["x", "", "y z"], out Stream stdout);

        string output = ReadAll(stdout);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Equal("a b\n-n-42\nGreen\nü\n--verbose\nx\n\ny z\n", output);
    }

    [Fact]
    public void An_undefined_enum_value_is_written_as_its_number()
    {
        using PidFd child = TestSpecs.PrintArguments("", 0, (Color)9, default, verbose: false, quiet: true, [], out Stream stdout);

        string output = ReadAll(stdout);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Equal("\n-n0\n9\n\n--quiet\n", output);
    }

    [Fact]
    public void A_NUL_in_an_argument_is_refused_before_any_spawn()
    {
        Assert.Throws<ArgumentException>(() => TestSpecs.CompareTexts("a\0b", "a".AsSpan()));
    }

    [Fact]
    public void Cleared_environment_holds_only_the_set_variables()
    {
        using PidFd child = TestSpecs.PrintCleanEnvironment("world", out Stream stdout);

        string output = ReadAll(stdout);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Equal("GREETING=hello world\nLANG=C\n", output);
    }

    [SkippableFact]
    public void Inherited_environment_loses_removed_and_replaced_variables()
    {
        Skip.If(Environment.GetEnvironmentVariable("PATH") is null, "this process has no PATH to remove");
        using PidFd child = TestSpecs.PrintChangedEnvironment(out Stream stdout);

        string[] lines = ReadAll(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.DoesNotContain(lines, line => line.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("HOME=", StringComparison.Ordinal));
        Assert.Contains("HOME=/nowhere", lines);
        Assert.True(lines.Length > 1, "nothing else was inherited");
    }

    [Fact]
    public void File_actions_open_dup2_and_chdir_in_the_child()
    {
        string folder = Directory.CreateTempSubdirectory("spawn-gen-").FullName;
        try
        {
            string input = Path.Combine(folder, "input.txt");
            string output = Path.Combine(folder, "output.txt");
            File.WriteAllText(input, "through fd 3\n");
            using (SafeFileHandle handle = File.OpenHandle(output, FileMode.CreateNew, FileAccess.Write))
            {
                Assert.Equal(0, TestSpecs.CopyThroughDescriptors(input, handle, folder).ExitCode);
            }

            Assert.Equal("through fd 3\n" + folder + "\n", File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public void The_child_is_born_in_the_cgroup_parameter()
    {
        Cgroup? root = TryOpenCgroupRoot();
        Skip.If(root is null, "no writable cgroup2 mount on this machine");
        string name = "spawn-generator-test-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        using (root)
        using (Cgroup scope = root.CreateChild(name))
        {
            try
            {
                using PidFd child = TestSpecs.PrintCgroup(scope, out Stream stdout);
                string output = ReadAll(stdout);
                Assert.Equal(0, child.WaitForExit().ExitCode);
                Assert.Contains(output.Split('\n'), line => line.StartsWith("0::", StringComparison.Ordinal) && line.EndsWith("/" + name, StringComparison.Ordinal));
            }
            finally
            {
                scope.Delete();
            }
        }
    }

    [Fact]
    public void Stdin_and_stdout_pipes_come_back_through_out_parameters()
    {
        using PidFd child = TestSpecs.Cat(out Stream stdin, out SafeFileHandle stdout);
        using (stdin)
        {
            stdin.Write("through the pipes\n"u8);
        }

        using FileStream output = new(stdout, FileAccess.Read, bufferSize: 0);
        string text = ReadAll(output);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Equal("through the pipes\n", text);
    }

    [Fact]
    public void Program_runs_another_file_than_argv0_names()
    {
        using PidFd child = TestSpecs.PrintArgumentZero(out Stream stdout);

        string output = ReadAll(stdout);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.Equal("renamed-zero", output);
    }

    [Fact]
    public void SignalMask_blocks_exactly_the_listed_signals()
    {
        using PidFd child = TestSpecs.PrintBlockedSignals(0, out Stream stdout);

        string output = ReadAll(stdout).Trim();
        Assert.Equal(0, child.WaitForExit().ExitCode);
        ulong expected = (1UL << (Signals.SIGUSR1 - 1)) | (1UL << (Signals.SIGTERM - 1));
        Assert.Equal(expected, Convert.ToUInt64(output, 16));
    }

    [Fact]
    public void ProcessGroup_zero_makes_the_child_lead_a_new_group()
    {
        Assert.Equal(0, TestSpecs.LeadsNewProcessGroup().ExitCode);
    }

    [SkippableFact]
    public void The_child_is_born_in_the_cgroup_of_a_descriptor_parameter()
    {
        Cgroup? root = TryOpenCgroupRoot();
        Skip.If(root is null, "no writable cgroup2 mount on this machine");
        string name = "spawn-generator-test-fd-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        using (root)
        using (Cgroup scope = root.CreateChild(name))
        {
            try
            {
                using PidFd child = TestSpecs.PrintCgroupOfDescriptor((int)scope.Handle.DangerousGetHandle(), out Stream stdout);
                string output = ReadAll(stdout);
                Assert.Equal(0, child.WaitForExit().ExitCode);
                Assert.Contains(output.Split('\n'), line => line.StartsWith("0::", StringComparison.Ordinal) && line.EndsWith("/" + name, StringComparison.Ordinal));
            }
            finally
            {
                scope.Delete();
            }
        }
    }

    [Fact]
    public void NewSession_makes_the_child_lead_a_session_and_group()
    {
        Assert.Equal(0, TestSpecs.LeadsNewSession().ExitCode);
    }

    [Fact]
    public async Task ValueTask_return_spawns_and_awaits_the_exit()
    {
        ExitStatus status = await TestSpecs.ExitSevenAsync(CancellationToken.None);

        Assert.Equal(7, status.ExitCode);
    }

    [Fact]
    public void A_failed_exec_throws_SpawnException_naming_the_errno_and_path()
    {
        SpawnException error = Assert.Throws<SpawnException>(() => TestSpecs.RunMissingProgram());

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnStage.Exec, error.Stage);
        Assert.Contains("/nonexistent/spawn-test-program", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_string_throws_ArgumentNullException_naming_the_parameter_even_when_nullable()
    {
        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => TestSpecs.WithLabel(null));

        Assert.Equal("label", error.ParamName);
        Assert.Equal(0, TestSpecs.WithLabel("set").ExitCode);
    }

    [Fact]
    public void Keyword_names_and_in_parameters_reach_the_child()
    {
        Assert.Equal(0, TestSpecs.PassKeywordAndIn(Keyword.@class, 12).ExitCode);
        Assert.Equal(1, TestSpecs.PassKeywordAndIn(Keyword.@default, 12).ExitCode);
    }

    private static string ReadAll(Stream stream)
    {
        using StreamReader reader = new(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static Cgroup? TryOpenCgroupRoot()
    {
        try
        {
            Cgroup root = Cgroup.Open(Cgroup.Cgroup2Mount);
            if (File.Exists(Path.Combine(root.Path, "cgroup.procs")))
            {
                return root;
            }

            root.Dispose();
        }
        catch (SpawnException)
        {
        }

        return null;
    }
}
