using Spawn.Analyzers.CodeFixes.ForkSafety;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ForkingMethodOptimizationAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ForkingMethodOptimizationAnalyzerTests
{
    [Fact]
    public Task Forking_method_without_aggressive_optimization_is_reported_and_fixed() =>
        Verifier.VerifyCodeFixAsync<AggressiveOptimizationCodeFix>("""
            using Spawn;
            using Spawn.Forking;

            static class Program
            {
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if ({|SPAWN0106:Fork.ForkNp(ref forkArgs)|} == 0)
                    {
                        ForkChild.Exit(127);
                    }
                }
            }
            """, """
            using System.Runtime.CompilerServices;
            using Spawn;
            using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if (Fork.ForkNp(ref forkArgs) == 0)
                    {
                        ForkChild.Exit(127);
                    }
                }
            }
            """);

    [Fact]
    public Task An_existing_MethodImpl_attribute_gets_the_flag_added() =>
        Verifier.VerifyCodeFixAsync<AggressiveOptimizationCodeFix>("""
            using System.Runtime.CompilerServices;
            using Spawn;
            using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.NoInlining)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if ({|SPAWN0106:Fork.ForkNp(ref forkArgs)|} == 0)
                    {
                        ForkChild.Exit(127);
                    }
                }
            }
            """, """
            using System.Runtime.CompilerServices;
            using Spawn;
            using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    if (Fork.ForkNp(ref forkArgs) == 0)
                    {
                        ForkChild.Exit(127);
                    }
                }
            }
            """);
}
