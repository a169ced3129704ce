using Spawn.Analyzers.CodeFixes.Specs;
using Xunit;
using AsyncVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.ParentDeathSignalFromAsyncAnalyzer>;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>
/// The rules of a spec's stop policy (SPAWN0040-SPAWN0043) fire on a broken spec and stay quiet on
/// the nearest correct one; SPAWN0044 fires on a [ParentDeathSignal] spec called from async code only.
/// </summary>
public sealed class StopRuleTests
{
    private const string Usings = "using System.Threading;\nusing Spawn.Commands;\n";

    public static TheoryData<string, string> Firing() => new()
    {
        { "SPAWN0040 PidFd", """static partial class T { [SpawnSpec("true")] [{|SPAWN0040:Timeout(100)|}] public static partial PidFd Run(); }""" },
        { "SPAWN0040 int", """static partial class T { [SpawnSpec("true")] [{|SPAWN0040:StopSignal(Signals.SIGINT)|}] public static partial int Run(); }""" },
        { "SPAWN0040 nothing triggers a synchronous capture's policy", """static partial class T { [SpawnSpec("true")] [{|SPAWN0040:StopSignal(Signals.SIGINT)|}] public static partial CapturedOutput Run(); }""" },
        { "SPAWN0040 nothing triggers a synchronous policy", """static partial class T { [SpawnSpec("true")] [{|SPAWN0040:StopSignal(Signals.SIGINT)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0040 nothing triggers an asynchronous policy", """static partial class T { [SpawnSpec("true")] [{|SPAWN0040:StopSignal(Signals.SIGINT)|}] public static partial ValueTask<ExitStatus> Run(); }""" },
        { "SPAWN0040 timeout on a pipeline", """static partial class T { [SpawnSpec("true")] [Pipe("cat")] [{|SPAWN0040:Timeout(100)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0040 kill on parent exit on a pipeline", """static partial class T { [SpawnSpec("true")] [Pipe("cat")] [{|SPAWN0040:KillOnParentExit|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0041", """static partial class T { [SpawnSpec("true")] [Timeout(100)] [{|SPAWN0041:StopSignal(Signals.SIGINT, Scope = StopScope.ProcessGroup)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0042", """static partial class T { [SpawnSpec("true")] [Timeout(100)] [{|SPAWN0042:StopSignal(Signals.SIGINT, Scope = StopScope.Cgroup)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0043 timeout", """static partial class T { [SpawnSpec("true")] [Timeout({|SPAWN0043:-5|})] public static partial ExitStatus Run(); }""" },
        { "SPAWN0043 grace", """static partial class T { [SpawnSpec("true")] [Timeout(100)] [{|SPAWN0043:StopSignal(Signals.SIGINT, GraceMilliseconds = -2)|}] public static partial ExitStatus Run(); }""" },
        { "SPAWN0018 stop signal", """static partial class T { [SpawnSpec("true")] [Timeout(100)] [StopSignal({|SPAWN0018:0|})] public static partial ExitStatus Run(); }""" },
        { "SPAWN0006 timeout parameter", """static partial class T { [SpawnSpec("true")] [Timeout({|SPAWN0006:"{limit}"|})] public static partial ExitStatus Run(int limit); }""" },
    };

    public static TheoryData<string, string> Quiet() => new()
    {
        { "SPAWN0040 synchronous wait", """static partial class T { [SpawnSpec("true")] [Timeout(100)] [StopSignal(Signals.SIGINT)] public static partial ExitStatus Run(); }""" },
        { "SPAWN0040 token", """static partial class T { [SpawnSpec("true")] [StopSignal(Signals.SIGINT)] public static partial ValueTask<ExitStatus> Run(CancellationToken token); }""" },
        { "SPAWN0040 synchronous capture", """static partial class T { [SpawnSpec("true")] [Timeout(100)] public static partial CapturedOutput Run(); }""" },
        { "SPAWN0040 asynchronous capture", """static partial class T { [SpawnSpec("true")] [Timeout("{limit}")] public static partial ValueTask<CapturedOutput> Run(TimeSpan limit); }""" },
        { "SPAWN0041", """static partial class T { [SpawnSpec("true")] [ProcessGroup(0)] [Timeout(100)] [StopSignal(Signals.SIGINT, Scope = StopScope.ProcessGroup)] public static partial ExitStatus Run(); }""" },
        { "SPAWN0041 new session", """static partial class T { [SpawnSpec("true")] [NewSession] [Timeout(100)] [StopSignal(Signals.SIGINT, Scope = StopScope.ProcessGroup)] public static partial ExitStatus Run(); }""" },
        { "SPAWN0042", """static partial class T { [SpawnSpec("true")] [Cgroup("{cgroup}")] [Timeout(100)] [StopSignal(Signals.SIGINT, Scope = StopScope.Cgroup)] public static partial ExitStatus Run(Cgroup cgroup); }""" },
        { "SPAWN0043", """static partial class T { [SpawnSpec("true")] [Timeout(0)] [StopSignal(Signals.SIGINT, GraceMilliseconds = Timeout.Infinite)] public static partial ExitStatus Run(); }""" },
        { "SPAWN0040 kill on parent exit on every form", """static partial class T { [SpawnSpec("true")] [KillOnParentExit] public static partial PidFd Run(); }""" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public Task Rule_fires_on_a_broken_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(Usings + source);
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public Task Rule_stays_quiet_on_a_correct_spec(string rule, string source)
    {
        Assert.StartsWith("SPAWN", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(Usings + source);
    }

    [Fact]
    public Task SPAWN0044_fires_in_async_methods_lambdas_and_local_functions() => AsyncVerifier.VerifyAnalyzerAsync("""
        static partial class T
        {
            [SpawnSpec("worker")]
            [ParentDeathSignal(Signals.SIGKILL)]
            public static partial PidFd Start();

            public static async Task Method()
            {
                await Task.Yield();
                using PidFd worker = {|SPAWN0044:Start()|};
            }

            public static void Lambda()
            {
                Func<Task> run = async () => { await Task.Yield(); {|SPAWN0044:Start()|}.Dispose(); };
                _ = run;
            }

            public static void LocalFunction()
            {
                _ = Run();
                static async Task Run()
                {
                    await Task.Yield();
                    {|SPAWN0044:Start()|}.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task SPAWN0044_stays_quiet_in_synchronous_code_and_for_KillOnParentExit() => AsyncVerifier.VerifyAnalyzerAsync("""
        static partial class T
        {
            [SpawnSpec("worker")]
            [ParentDeathSignal(Signals.SIGKILL)]
            public static partial PidFd Start();

            [SpawnSpec("worker")]
            [KillOnParentExit]
            public static partial PidFd StartSafely();

            public static void Synchronous() => Start().Dispose();

            public static async Task Asynchronous()
            {
                await Task.Yield();
                StartSafely().Dispose();
                Action later = () => Start().Dispose();
                _ = later;
            }
        }
        """);

    [Fact]
    public Task SPAWN0041_fix_gives_the_child_a_process_group() =>
        SpecVerifier.VerifyCodeFixAsync<AddProcessGroupCodeFix>(
            Usings + """
            static partial class T
            {
                [SpawnSpec("make")]
                [Timeout(100)]
                [{|SPAWN0041:StopSignal(Signals.SIGINT, Scope = StopScope.ProcessGroup)|}]
                public static partial ExitStatus Build();
            }
            """,
            Usings + """
            static partial class T
            {
                [SpawnSpec("make")]
                [Timeout(100)]
                [ProcessGroup(0)]
                [StopSignal(Signals.SIGINT, Scope = StopScope.ProcessGroup)]
                public static partial ExitStatus Build();
            }
            """);
}
