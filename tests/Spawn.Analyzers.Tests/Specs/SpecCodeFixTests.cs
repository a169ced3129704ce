using Spawn.Analyzers.CodeFixes.Specs;
using Xunit;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>The mechanical fixes of the spec rules produce the spec the rule asks for.</summary>
public sealed class SpecCodeFixTests
{
    [Fact]
    public Task SPAWN0001_fix_makes_the_method_partial_and_drops_its_body() =>
        SpecVerifier.VerifyCodeFixAsync<MakePartialCodeFix>(
            """
            static partial class T
            {
                [SpawnSpec("true")]
                public static ExitStatus {|SPAWN0001:Run|}() => default;
            }
            """,
            """
            static partial class T
            {
                [SpawnSpec("true")]
                public static partial ExitStatus Run();
            }
            """);

    [Fact]
    public Task SPAWN0030_fix_adds_the_out_Terminal_parameter() =>
        SpecVerifier.VerifyCodeFixAsync<AddParameterCodeFix>(
            """
            static partial class T
            {
                [SpawnSpec("ssh", "{terminal}")]
                [{|SPAWN0030:Terminal(Rows = 40)|}]
                public static partial PidFd Shell(string terminal);
            }
            """,
            """
            static partial class T
            {
                [SpawnSpec("ssh", "{terminal}")]
                [Terminal(Rows = 40)]
                public static partial PidFd Shell(string terminal, out Spawn.Terminals.Terminal pty);
            }
            """);

    [Fact]
    public Task SPAWN0004_fix_adds_the_missing_parameter() =>
        SpecVerifier.VerifyCodeFixAsync<AddParameterCodeFix>(
            """
            static partial class T
            {
                [SpawnSpec("git", "-C", {|SPAWN0004:"{repo}"|}, "status")]
                public static partial ExitStatus Status();
            }
            """,
            """
            static partial class T
            {
                [SpawnSpec("git", "-C", "{repo}", "status")]
                public static partial ExitStatus Status(string repo);
            }
            """);

    [Fact]
    public Task SPAWN0014_fix_runs_a_plain_command_without_the_shell() =>
        SpecVerifier.VerifyCodeFixAsync<ShellCommandToArgumentsCodeFix>(
            """
            static partial class T
            {
                [SpawnSpec("/bin/sh", "-c", {|SPAWN0014:"git log -n {count} {repo}"|})]
                public static partial ExitStatus Log(int count, string repo);
            }
            """,
            """
            static partial class T
            {
                [SpawnSpec("git", "log", "-n", "{count}", "{repo}")]
                public static partial ExitStatus Log(int count, string repo);
            }
            """);

    [Fact]
    public Task SPAWN0014_fix_is_not_offered_when_the_command_uses_shell_syntax() =>
        SpecVerifier.VerifyCodeFixAsync<ShellCommandToArgumentsCodeFix>(
            """
            static partial class T
            {
                [SpawnSpec("sh", "-c", {|SPAWN0014:"git log {repo} | head"|})]
                public static partial ExitStatus Log(string repo);
            }
            """,
            """
            static partial class T
            {
                [SpawnSpec("sh", "-c", {|SPAWN0014:"git log {repo} | head"|})]
                public static partial ExitStatus Log(string repo);
            }
            """);
}
