using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>The terminal step is one more file action: a cgroup at birth and credential steps combine with it.</summary>
public sealed class TerminalCombinationTests : ReactorAwareTest
{
    [SkippableFact]
    public async Task A_terminal_child_is_born_in_its_cgroup()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using TestCgroup cgroup = TestCgroup.Create("terminal");
        using var attributes = new SpawnAttributes();
        attributes.SetCgroupPath(cgroup.Path);
        using var terminal = Terminal.Spawn("cat", ["cat", "/proc/self/cgroup"], attributes: attributes);

        string output = await new TerminalTranscript(terminal).ReadToEndAsync();

        Assert.Contains("0::" + cgroup.PathInHierarchy + "\r\n", output, StringComparison.Ordinal);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task A_new_session_from_the_attributes_is_the_one_the_terminal_step_takes_the_terminal_for()
    {
        TerminalTranscript.RequirePseudoTerminals();
        using var attributes = new SpawnAttributes { NewSession = true };
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", ": < /dev/tty && test -t 0 -a -t 1 -a -t 2"], attributes: attributes);

        await new TerminalTranscript(terminal).ReadToEndAsync();

        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }

    [SkippableFact]
    public async Task Credential_steps_after_the_terminal_step_run_the_program_as_another_user_on_the_terminal()
    {
        TerminalTranscript.RequirePseudoTerminals();
        Skip.If(LibC.GetEUid() != 0, "changing to another user needs root");
        var actions = new SpawnFileActions().AddSetGroups([]).AddSetGid(65534).AddSetUid(65534);
        using var terminal = Terminal.Spawn("sh", ["sh", "-c", "id -u; test -t 0 && test -t 1"], actions: actions);

        string output = await new TerminalTranscript(terminal).ReadToEndAsync();

        Assert.Equal("65534\r\n", output);
        Assert.Equal(0, (await terminal.Process!.WaitForExitAsync()).ExitCode);
    }
}
