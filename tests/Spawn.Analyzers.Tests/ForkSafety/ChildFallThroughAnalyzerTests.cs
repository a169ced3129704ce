using Spawn.Analyzers.CodeFixes.ForkSafety;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildFallThroughAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildFallThroughAnalyzerTests
{
    [Fact]
    public Task A_child_branch_that_reaches_its_end_is_reported_and_fixed() =>
        Verifier.VerifyCodeFixAsync<ChildExitCodeFix>("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid == 0)
                    {
                        ForkChild.SetSid();
                    {|SPAWN0107:}|}
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
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid == 0)
                    {
                        ForkChild.SetSid();
                        ForkChild.Exit(127);
                    }
                }
            }
            """);

    [Fact]
    public Task A_return_in_the_early_return_shape_is_reported_and_fixed() =>
        Verifier.VerifyCodeFixAsync<ChildExitCodeFix>("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static int Start()
                {
                    var forkArgs = new ForkNpArgs();
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid != 0)
                    {
                        return pid;
                    }

                    ForkChild.SetSid();
                    {|SPAWN0107:return 0;|}
                }
            }
            """, """
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static int Start()
                {
                    var forkArgs = new ForkNpArgs();
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid != 0)
                    {
                        return pid;
                    }

                    ForkChild.SetSid();
                    ForkChild.Exit(127);
                    return 0;
                }
            }
            """);

    [Fact]
    public Task A_switch_section_that_breaks_out_is_reported() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    switch (Fork.ForkNp(ref forkArgs))
                    {
                        case 0:
                            ForkChild.SetSid();
                            {|SPAWN0107:break;|}
                        default:
                            break;
                    }
                }
            }
            """);

    [Fact]
    public Task Every_path_ending_in_exit_is_quiet() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var forkArgs = new ForkNpArgs();
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid is 0)
                    {
                        if (ForkChild.SetSid() != 0)
                        {
                            ForkChild.Exit(1);
                        }
                        else
                        {
                            ForkChild.Exit(0);
                        }
                    }

                    if (Fork.ForkNp(ref forkArgs) == 0)
                    {
                        for (int fd = 3; fd < 8; fd++)
                        {
                            if (ForkChild.Close(fd) != 0) break;
                        }

                        ForkChild.Exit(0);
                    }
                }
            }
            """);
}
