using Xunit;
using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildAllocationAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildAllocationAnalyzerTests
{
    [Fact]
    public Task New_of_a_class_in_the_child_is_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            var list = {|SPAWN0100:new List<int>()|};
            """));

    [Fact]
    public Task Boxing_string_concatenation_and_interpolation_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            object boxed = {|SPAWN0100:pid|};
            string joined = {|SPAWN0100:"pid " + {|SPAWN0100:pid|}|};
            string text = {|SPAWN0100:$"pid {pid}"|};
            """));

    [Fact]
    public Task Allocation_in_a_method_the_child_calls_is_reported_where_it_happens() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            Prepare();
            """, """
            static void Prepare() { var buffer = {|SPAWN0100:new byte[16]|}; }
            """));

    [Fact]
    public Task Capturing_lambda_and_linq_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            ReadOnlySpan<int> values = stackalloc int[] { 1, 2 };
            int sum = 0;
            foreach (var value in values) { sum += value; }
            var any = {|SPAWN0100:arguments.Any({|SPAWN0100:a => a.Length == sum|})|};
            """));

    [Fact]
    public Task Allocation_in_the_parent_branch_is_not_reported() =>
        Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using Spawn; using Spawn.Forking;

            static class Program
            {
                [MethodImpl(MethodImplOptions.AggressiveOptimization)]
                static void Main()
                {
                    var before = new List<int>();
                    var forkArgs = new ForkNpArgs();
                    int pid = Fork.ForkNp(ref forkArgs);
                    if (pid != 0)
                    {
                        before.Add(pid);
                        return;
                    }

                    ForkChild.Dup2(3, 0);
                    ForkChild.Exit(127);
                }
            }
            """);

    [Fact]
    public Task Span_and_struct_work_in_the_child_is_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            Span<byte> buffer = stackalloc byte[8];
            buffer[0] = (byte)'x';
            var copy = forkArgs;
            copy.ExitSignal = 17;
            ForkChild.Write(1, buffer.Slice(0, 1));
            """));
}
