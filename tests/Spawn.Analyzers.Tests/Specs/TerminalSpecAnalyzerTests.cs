using Xunit;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>The [Terminal] rules (SPAWN0030-SPAWN0033) fire on a broken terminal spec and stay quiet on the nearest correct one.</summary>
public sealed class TerminalSpecAnalyzerTests
{
    public static TheoryData<string, string> Firing() => new()
    {
        { "SPAWN0030 no parameter", """static partial class T { [SpawnSpec("sh")] [{|SPAWN0030:Terminal|}] public static partial PidFd Run(); }""" },
        { "SPAWN0030 no attribute", """static partial class T { [SpawnSpec("sh")] public static partial PidFd Run(out Spawn.Terminals.Terminal {|SPAWN0030:terminal|}); }""" },
        { "SPAWN0030 two parameters", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial PidFd Run(out Spawn.Terminals.Terminal first, out Spawn.Terminals.Terminal {|SPAWN0030:second|}); }""" },
        { "SPAWN0031 rows", """static partial class T { [SpawnSpec("sh")] [Terminal({|SPAWN0031:Rows = 0|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031 columns", """static partial class T { [SpawnSpec("sh")] [Terminal(Rows = 1, {|SPAWN0031:Columns = 65536|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031 negative", """static partial class T { [SpawnSpec("sh")] [Terminal({|SPAWN0031:Columns = -80|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032", """static partial class T { [SpawnSpec("sh")] [Terminal] [ProcessGroup(0)] public static partial PidFd {|SPAWN0032:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 parameter group", """static partial class T { [SpawnSpec("sh")] [Terminal] [ProcessGroup("{group}")] public static partial PidFd {|SPAWN0032:Run|}(int group, out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial ExitStatus {|SPAWN0033:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033 captured", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial CapturedOutput {|SPAWN0033:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
    };

    public static TheoryData<string, string> Quiet() => new()
    {
        { "SPAWN0030", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031", """static partial class T { [SpawnSpec("sh")] [Terminal(Rows = 1, Columns = 65535, Raw = true, Echo = false)] public static partial int Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 new session", """static partial class T { [SpawnSpec("sh")] [Terminal] [NewSession] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 without a terminal", """static partial class T { [SpawnSpec("sh")] [ProcessGroup(0)] public static partial PidFd Run(); }""" },
        { "SPAWN0033 async", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial ValueTask<ExitStatus> Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033 captured async", """static partial class T { [SpawnSpec("cat")] [Terminal] public static partial ValueTask<CapturedOutput> Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0011 redirections after the terminal step", """static partial class T { [SpawnSpec("sh")] [Terminal] [StandardError(Redirect.Pipe)] [StandardOutput(Redirect.Null)] [Cgroup("/sys/fs/cgroup/x")] [SetUid(65534u)] [ParentDeathSignal(9)] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal, out Stream stderr); }""" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public Task Rule_fires_on_a_broken_terminal_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public Task Rule_stays_quiet_on_a_correct_terminal_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }
}
