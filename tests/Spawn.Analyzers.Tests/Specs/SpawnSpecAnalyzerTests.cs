using Xunit;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>Each spec rule fires on a broken spec and stays quiet on the nearest correct one.</summary>
public sealed class SpawnSpecAnalyzerTests
{
    public static TheoryData<string, string> Firing() => new()
    {
        { "SPAWN0001", """static partial class T { [SpawnSpec("true")] public static int {|SPAWN0001:Run|}() => 0; }""" },
        { "SPAWN0002", """partial class T { [SpawnSpec("true")] public partial int {|SPAWN0002:Run|}(); }""" },
        { "SPAWN0003 generic type", """static partial class T<U> { [SpawnSpec("true")] public static partial int {|SPAWN0003:Run|}(); }""" },
        { "SPAWN0003 not partial", """static class T { [SpawnSpec("true")] public static partial int {|SPAWN0003:Run|}(); }""" },
        { "SPAWN0004", """static partial class T { [SpawnSpec("echo", {|SPAWN0004:"{nmae}"|})] public static partial int Run(); }""" },
        { "SPAWN0005", """static partial class T { [SpawnSpec("echo")] public static partial int Run(string {|SPAWN0005:name|}); }""" },
        { "SPAWN0006", """static partial class T { [SpawnSpec("echo", {|SPAWN0006:"{flag}"|})] public static partial int Run(bool flag); }""" },
        { "SPAWN0007", """static partial class T { [SpawnSpec("true")] public static partial string {|SPAWN0007:Run|}(); }""" },
        { "SPAWN0006 ref", """static partial class T { [SpawnSpec("echo", "{count}")] public static partial int Run(ref int {|SPAWN0006:count|}); }""" },
        { "SPAWN0007 ValueTask of another type", """static partial class T { [SpawnSpec("true")] public static partial ValueTask<int> {|SPAWN0007:Run|}(); }""" },
        { "SPAWN0011 captured stdout", """static partial class T { [SpawnSpec("true")] [StandardOutput(Redirect.Null)] public static partial CapturedOutput {|SPAWN0011:Run|}(); }""" },
        { "SPAWN0020 captured", """static partial class T { [SpawnSpec("cat")] [StandardInput(Redirect.Pipe)] public static partial CapturedOutput {|SPAWN0020:Run|}(out Stream stdin); }""" },
        { "SPAWN0008", """static partial class T { [{|SPAWN0008:SpawnSpec()|}] public static partial int Run(); }""" },
        { "SPAWN0009", """static partial class T { [SpawnSpec("echo", {|SPAWN0009:"a\0b"|})] public static partial int Run(); }""" },
        { "SPAWN0010", """static partial class T { [SpawnSpec({|SPAWN0010:"bin/tool"|})] public static partial int Run(); }""" },
        { "SPAWN0011", """static partial class T { [SpawnSpec("true")] [StandardOutput(Redirect.Null)] [OpenFile(1, "/tmp/x", 1)] public static partial int {|SPAWN0011:Run|}(); }""" },
        { "SPAWN0012", """static partial class T { [SpawnSpec("true")] [CloseFile({|SPAWN0012:-1|})] public static partial int Run(); }""" },
        { "SPAWN0013", """static partial class T { [SpawnSpec("true")] [Cgroup({|SPAWN0013:"workers"|})] public static partial int Run(); }""" },
        { "SPAWN0014", """static partial class T { [SpawnSpec("sh", "-c", {|SPAWN0014:"ls {dir}"|})] public static partial int Run(string dir); }""" },
        { "SPAWN0016", """static partial class T { [SpawnSpec("echo", {|SPAWN0016:"{unclosed"|})] public static partial int Run(); }""" },
        { "SPAWN0017", """static partial class T { [SpawnSpec("env")] [SetEnvironment({|SPAWN0017:"A=B"|}, "x")] public static partial int Run(); }""" },
        { "SPAWN0018", """static partial class T { [SpawnSpec("true")] [{|SPAWN0018:SignalMask(0)|}] public static partial int Run(); }""" },
        { "SPAWN0020", """static partial class T { [SpawnSpec("cat")] [StandardOutput(Redirect.Pipe)] public static partial ExitStatus {|SPAWN0020:Run|}(out Stream stdout); }""" },
        { "SPAWN0030 no parameter", """static partial class T { [SpawnSpec("sh")] [{|SPAWN0030:Terminal|}] public static partial PidFd Run(); }""" },
        { "SPAWN0030 no attribute", """static partial class T { [SpawnSpec("sh")] public static partial PidFd Run(out Spawn.Terminals.Terminal {|SPAWN0030:terminal|}); }""" },
        { "SPAWN0030 two parameters", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial PidFd Run(out Spawn.Terminals.Terminal first, out Spawn.Terminals.Terminal {|SPAWN0030:second|}); }""" },
        { "SPAWN0031 rows", """static partial class T { [SpawnSpec("sh")] [Terminal({|SPAWN0031:Rows = 0|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031 columns", """static partial class T { [SpawnSpec("sh")] [Terminal(Rows = 1, {|SPAWN0031:Columns = 65536|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031 negative", """static partial class T { [SpawnSpec("sh")] [Terminal({|SPAWN0031:Columns = -80|})] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032", """static partial class T { [SpawnSpec("sh")] [Terminal] [ProcessGroup(0)] public static partial PidFd {|SPAWN0032:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 parameter group", """static partial class T { [SpawnSpec("sh")] [Terminal] [ProcessGroup("{group}")] public static partial PidFd {|SPAWN0032:Run|}(int group, out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial ExitStatus {|SPAWN0033:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033 pipeline", """static partial class T { [SpawnSpec("sh")] [Pipe("cat")] [Terminal] public static partial PipelineStatus {|SPAWN0033:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033 captured", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial CapturedOutput {|SPAWN0033:Run|}(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0006 child step id", """static partial class T { [SpawnSpec("true")] [SetUid({|SPAWN0006:"{user}"|})] public static partial int Run(string user); }""" },
        { "SPAWN0009 child step path", """static partial class T { [SpawnSpec("true")] [Chroot({|SPAWN0009:"/srv\0x"|})] public static partial int Run(); }""" },
        { "SPAWN0012 child step descriptor", """static partial class T { [SpawnSpec("true")] [SetNs({|SPAWN0012:-1|}, Namespaces.CLONE_NEWNET)] public static partial int Run(); }""" },
        { "SPAWN0016 child step id", """static partial class T { [SpawnSpec("true")] [SetGid({|SPAWN0016:"nobody"|})] public static partial int Run(); }""" },
        { "SPAWN0018 child step signal", """static partial class T { [SpawnSpec("true")] [ParentDeathSignal({|SPAWN0018:65|})] public static partial int Run(); }""" },
    };

    public static TheoryData<string, string> Quiet() => new()
    {
        { "SPAWN0001", """static partial class T { [SpawnSpec("true")] public static partial int Run(); }""" },
        { "SPAWN0002", """static partial class T { [SpawnSpec("true")] public static partial int Run(); }""" },
        { "SPAWN0003", """static partial class O { partial struct T { [SpawnSpec("true")] public static partial int Run(); } }""" },
        { "SPAWN0004", """static partial class T { [SpawnSpec("echo", "{name}", "{{name}}")] public static partial int Run(string name); }""" },
        { "SPAWN0005", """static partial class T { [SpawnSpec("echo", "--name={name}")] public static partial int Run(string name); }""" },
        { "SPAWN0006", """static partial class T { [SpawnSpec("echo", "{?flag}--flag", "{count}", "{rest...}")] public static partial int Run(bool flag, ulong count, ReadOnlySpan<string> rest); }""" },
        { "SPAWN0007", """static partial class T { [SpawnSpec("true")] public static partial ValueTask<ExitStatus> Run(System.Threading.CancellationToken token); }""" },
        { "SPAWN0006 in", """static partial class T { [SpawnSpec("echo", "{count}", "{name}")] public static partial int Run(in int count, scoped in ReadOnlySpan<char> name); }""" },
        { "SPAWN0007 captured", """static partial class T { [SpawnSpec("true")] public static partial CapturedOutput Run(); [SpawnSpec("true")] public static partial ValueTask<CapturedOutput> RunAsync(System.Threading.CancellationToken token); }""" },
        { "SPAWN0020 captured async", """static partial class T { [SpawnSpec("cat")] [StandardInput(Redirect.Pipe)] public static partial ValueTask<CapturedOutput> Run(out Stream stdin); }""" },
        { "SPAWN0008", """static partial class T { [SpawnSpec("true")] public static partial PidFd Run(); }""" },
        { "SPAWN0009", """static partial class T { [SpawnSpec("echo", "a\\0b")] public static partial int Run(); }""" },
        { "SPAWN0010", """static partial class T { [SpawnSpec("/bin/tool")] public static partial int Run(); [SpawnSpec("tool")] public static partial int Run2(); }""" },
        { "SPAWN0011", """static partial class T { [SpawnSpec("true")] [StandardOutput(Redirect.Null)] [OpenFile(3, "/tmp/x", 1)] [Dup2(3, 4)] [CloseFile(3)] public static partial int Run(); }""" },
        { "SPAWN0012", """static partial class T { [SpawnSpec("true")] [CloseFile(0)] public static partial int Run(); }""" },
        { "SPAWN0013", """static partial class T { [SpawnSpec("true")] [Cgroup("/sys/fs/cgroup/workers")] public static partial int Run(); }""" },
        { "SPAWN0014", """static partial class T { [SpawnSpec("sh", "-c", "ls \"$1\"", "sh", "{dir}")] public static partial int Run(string dir); }""" },
        { "SPAWN0016", """static partial class T { [SpawnSpec("echo", "{{literal}}")] public static partial int Run(); }""" },
        { "SPAWN0017", """static partial class T { [SpawnSpec("env")] [SetEnvironment("A", "x")] [RemoveEnvironment("B")] public static partial int Run(); }""" },
        { "SPAWN0018", """static partial class T { [SpawnSpec("true")] [SignalMask(1, 15, 64)] public static partial int Run(); }""" },
        { "SPAWN0020", """static partial class T { [SpawnSpec("cat")] [StandardOutput(Redirect.Pipe)] public static partial ValueTask<ExitStatus> Run(out Stream stdout); }""" },
        { "SPAWN0030", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0031", """static partial class T { [SpawnSpec("sh")] [Terminal(Rows = 1, Columns = 65535, Raw = true, Echo = false)] public static partial int Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 new session", """static partial class T { [SpawnSpec("sh")] [Terminal] [NewSession] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0032 without a terminal", """static partial class T { [SpawnSpec("sh")] [ProcessGroup(0)] public static partial PidFd Run(); }""" },
        { "SPAWN0033 async", """static partial class T { [SpawnSpec("sh")] [Terminal] public static partial ValueTask<ExitStatus> Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0033 captured async", """static partial class T { [SpawnSpec("cat")] [Terminal] public static partial ValueTask<CapturedOutput> Run(out Spawn.Terminals.Terminal terminal); }""" },
        { "SPAWN0011 redirections after the terminal step", """static partial class T { [SpawnSpec("sh")] [Terminal] [StandardError(Redirect.Pipe)] [StandardOutput(Redirect.Null)] [Cgroup("/sys/fs/cgroup/x")] [SetUid(65534u)] [ParentDeathSignal(9)] public static partial PidFd Run(out Spawn.Terminals.Terminal terminal, out Stream stderr); }""" },
        { "SPAWN0006 child steps", """static partial class T { [SpawnSpec("true")] [SetNs("{ns}", Namespaces.CLONE_NEWNET)] [Unshare(Namespaces.CLONE_NEWUTS)] [Chroot("/srv/{site}")] [ResourceLimit(7, 64, 128)] [SetGroups] [SetGid("{gid}")] [SetUid(65534)] [ParentDeathSignal(Signals.SIGKILL)] [NoNewPrivileges] [Umask(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)] public static partial int Run(System.Runtime.InteropServices.SafeHandle ns, string site, uint gid); }""" },
        { "SPAWN0018 null arrays", """static partial class T { [SpawnSpec("true")] [SignalMask(null)] [SetGroups(null)] public static partial int Run(); }""" },
        { "SPAWN0011 setns reads its descriptor", """static partial class T { [SpawnSpec("true")] [OpenFile(3, "/proc/1/ns/net", 0)] [SetNs(3, 0)] [CloseFile(3)] public static partial int Run(); }""" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public Task Rule_fires_on_a_broken_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public Task Rule_stays_quiet_on_a_correct_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public Task SPAWN0015_fires_when_unsafe_code_is_not_allowed() =>
        SpecVerifier.VerifyAnalyzerAsync("""static partial class T { [SpawnSpec("true")] public static partial int {|SPAWN0015:Run|}(); }""", allowUnsafe: false);

    [Fact]
    public Task SPAWN0015_stays_quiet_when_unsafe_code_is_allowed() =>
        SpecVerifier.VerifyAnalyzerAsync("""static partial class T { [SpawnSpec("true")] public static partial int Run(); }""", allowUnsafe: true);

    [Fact]
    public Task Methods_without_SpawnSpec_are_ignored() =>
        SpecVerifier.VerifyAnalyzerAsync("""static class T { public static int Run(string unused) => 0; }""");
}
