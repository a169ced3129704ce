using Spawn.Analyzers.Tests.ForkSafety.Infrastructure;
using Xunit;
using Verifier = Spawn.Analyzers.Tests.ForkSafety.Infrastructure.ForkSafetyVerifier<Spawn.Analyzers.ForkSafety.ChildStaticFieldAnalyzer>;

namespace Spawn.Analyzers.Tests.ForkSafety;

public sealed class ChildStaticFieldAnalyzerTests
{
    [Fact]
    public Task Static_field_of_a_type_with_an_initializer_is_reported() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            ForkChild.Close({|SPAWN0104:Settings.Descriptor|});
            ForkChild.Close({|SPAWN0104:Settings.Count|});
            var empty = {|SPAWN0104:string.Empty|};
            """, """
            static class Settings
            {
                public static int Descriptor = 3;
                public static int Count { get; set; } = 1;
            }
            """));

    [Fact]
    public Task Constants_locals_and_types_without_an_initializer_are_quiet() =>
        Verifier.VerifyAnalyzerAsync(ChildProgram.WithChild("""
            const int Fd = 3;
            ForkChild.Close(Fd);
            ForkChild.Close(Plain.Descriptor);
            ForkChild.Close(forkArgs.PidFd);
            """, """
            static class Plain
            {
                public static int Descriptor;
            }
            """));
}
