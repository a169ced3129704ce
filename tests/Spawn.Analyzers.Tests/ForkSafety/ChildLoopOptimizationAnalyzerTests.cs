using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Spawn.Analyzers.CodeFixes.ForkSafety;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildLoopOptimizationAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildLoopOptimizationAnalyzerTests
{
    [Fact]
    public Task Loop_in_a_tiered_callee_is_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            CloseAll(3, 10);
            """, """
            static void CloseAll(int from, int to)
            {
                {|SPAWN0105:for|} (int fd = from; fd < to; fd++) ForkChild.Close(fd);
            }
            """));

    [Fact]
    public Task Loop_in_an_optimized_method_is_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            for (int fd = 3; fd < 10; fd++) ForkChild.Close(fd);
            CloseAll(3, 10);
            """, """
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            static void CloseAll(int from, int to)
            {
                while (from < to) ForkChild.Close(from++);
            }
            """));

    [Fact]
    public Task Loop_in_a_local_function_of_the_child_is_fixed_by_marking_it() =>
        Verifier.VerifyCodeFixAsync<AggressiveOptimizationCodeFix>("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if (Fork.ForkNp(ref forkArgs) == 0)
                    {
                        CloseAbove(3);
                        ForkChild.Exit(0);
                    }

                    static void CloseAbove(int fd)
                    {
                        {|SPAWN0105:while|} (fd < 64) ForkChild.Close(fd++);
                    }
                }
            }
            """, """
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if (Fork.ForkNp(ref forkArgs) == 0)
                    {
                        CloseAbove(3);
                        ForkChild.Exit(0);
                    }

                    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                    static void CloseAbove(int fd)
                    {
                        while (fd < 64) ForkChild.Close(fd++);
                    }
                }
            }
            """);
}
