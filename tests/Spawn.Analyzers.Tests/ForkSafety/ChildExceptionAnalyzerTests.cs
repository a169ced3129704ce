using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildExceptionAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildExceptionAnalyzerTests
{
    [Fact]
    public Task Throw_try_and_checked_arithmetic_are_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            {|SPAWN0103:try|} { ForkChild.SetSid(); } catch { }
            int total = checked({|SPAWN0103:pid + 1|});
            if (total < 0) {|SPAWN0103:throw new InvalidOperationException();|}
            """));

    [Fact]
    public Task Unchecked_arithmetic_and_errno_returns_are_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            int total = unchecked(pid + 1);
            if (ForkChild.SetSid() != 0) ForkChild.Exit(total);
            """));
}
