using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildUnsafeCallAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildUnsafeCallAnalyzerTests
{
    [Fact]
    public Task Console_environment_and_file_calls_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            {|SPAWN0102:Console.WriteLine("child")|};
            var home = {|SPAWN0102:Environment.GetEnvironmentVariable("HOME")|};
            {|SPAWN0102:System.IO.File.Exists("/tmp")|};
            {|SPAWN0102:System.Diagnostics.Debug.Assert(pid == 0)|};
            """));

    [Fact]
    public Task PInvoke_outside_the_signal_safety_list_is_reported_and_listed_ones_are_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            write(1, null, 0);
            {|SPAWN0102:getenv(null)|};
            """, """
            [DllImport("libc", SetLastError = true)]
            static unsafe extern nint write(int fd, byte* buffer, nint count);

            [DllImport("libc")]
            static unsafe extern byte* getenv(byte* name);
            """));

    [Fact]
    public Task Delegate_virtual_and_too_deep_calls_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            Action action = Work;
            {|SPAWN0102:action()|};
            Shape shape = new Square();
            {|SPAWN0102:shape.Sides()|};
            Depth1();
            """, """
            static void Work() { }
            abstract class Shape { public abstract int Sides(); }
            sealed class Square : Shape { public override int Sides() => 4; }
            static void Depth1() => Depth2();
            static void Depth2() => Depth3();
            static void Depth3() => Depth4();
            static void Depth4() => Depth5();
            static void Depth5() => Depth6();
            static void Depth6() => Depth7();
            static void Depth7() => Depth8();
            static void Depth8() => {|SPAWN0102:Depth9()|};
            static void Depth9() { }
            """));

    [Fact]
    public Task Toolkit_marked_methods_and_proven_helpers_are_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            ForkChild.Dup2(3, 1);
            ForkChild.Close(3);
            Marked();
            Helper(arguments.Length);
            """, """
            [AsyncSignalSafe]
            static void Marked() { }

            static int Helper(int count)
            {
                Span<int> values = stackalloc int[4];
                values[0] = count;
                return values.Length + values[0];
            }
            """));
}
