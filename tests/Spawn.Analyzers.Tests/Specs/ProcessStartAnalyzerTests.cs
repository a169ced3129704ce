using Spawn.Analyzers.CodeFixes.Specs;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.ProcessStartAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

public sealed class ProcessStartAnalyzerTests
{
    [Fact]
    public Task A_constant_fire_and_forget_Process_Start_is_suggested_and_fixed() =>
        Verifier.VerifyCodeFixAsync<ProcessStartToSpecCodeFix>(
            """
            static class Maintenance
            {
                public static void Collect()
                {
                    {|SPAWN0019:Process.Start("git", "gc --auto")|};
                }
            }
            """,
            """
            static partial class Maintenance
            {
                public static void Collect()
                {
                    RunGit().Dispose();
                }

                [global::Spawn.SpawnSpec("git", "gc", "--auto")]
                private static partial global::Spawn.PidFd RunGit();
            }
            """);

    [Fact]
    public Task A_Process_Start_whose_result_is_used_or_whose_arguments_vary_is_left_alone() =>
        Verifier.VerifyAnalyzerAsync(
            """
            static class Maintenance
            {
                public static Process Collect(string repo)
                {
                    Process.Start("git", "-C " + repo + " gc");
                    return Process.Start("git", "gc");
                }
            }
            """);
}
