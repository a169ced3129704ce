using Xunit;
using SpecVerifier = Spawn.Analyzers.Tests.Specs.SpecVerifier<Spawn.Analyzers.Specs.SpawnSpecAnalyzer>;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>SPAWN0060-SPAWN0062: the member <c>[Sandbox]</c> names exists, is static, and is a compiled Sandbox.</summary>
public sealed class SandboxSpecAnalyzerTests
{
    // The profiles a spec names; the members the rules look at.
    private const string Profiles = """
        static class P
        {
            public static readonly Spawn.Sandboxing.Sandbox Field = null!;
            public static Spawn.Sandboxing.Sandbox? Property { get; set; }
            public static readonly Spawn.Sandboxing.SandboxProfile Profile = new();
            private static readonly Spawn.Sandboxing.Sandbox Hidden = null!;
            public static Spawn.Sandboxing.Sandbox Make() => null!;
            public static Spawn.Sandboxing.Sandbox WriteOnly { set { } }
        }
        sealed class I { public Spawn.Sandboxing.Sandbox Instance { get; } = null!; }
        class B { public static readonly Spawn.Sandboxing.Sandbox Inherited = null!; protected static readonly Spawn.Sandboxing.Sandbox Guarded = null!; }
        sealed class D : B { }

        """;

    public static TheoryData<string, string> Firing() => new()
    {
        { "SPAWN0060 misspelt", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), {|SPAWN0060:"Feild"|})] public static partial int Run(); }""" },
        { "SPAWN0060 private to another type", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), {|SPAWN0060:"Hidden"|})] public static partial int Run(); }""" },
        { "SPAWN0060 a method", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), {|SPAWN0060:nameof(P.Make)|})] public static partial int Run(); }""" },
        { "SPAWN0060 no getter", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), {|SPAWN0060:nameof(P.WriteOnly)|})] public static partial int Run(); }""" },
        { "SPAWN0060 protected in an unrelated type", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(D), {|SPAWN0060:"Guarded"|})] public static partial int Run(); }""" },
        { "SPAWN0061", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(I), {|SPAWN0061:nameof(I.Instance)|})] public static partial int Run(); }""" },
        { "SPAWN0062", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), {|SPAWN0062:nameof(P.Profile)|})] public static partial int Run(); }""" },
    };

    public static TheoryData<string, string> Quiet() => new()
    {
        { "field", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), nameof(P.Field))] public static partial int Run(); }""" },
        { "nullable property", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(P), nameof(P.Property))] public static partial ExitStatus Run(); }""" },
        { "private member of the spec's own type", """static partial class T { private static readonly Spawn.Sandboxing.Sandbox Own = null!; [SpawnSpec("true")] [Sandbox(typeof(T), nameof(Own))] public static partial int Run(); }""" },
        { "member of a base type", """static partial class T { [SpawnSpec("true")] [Sandbox(typeof(D), "Inherited")] public static partial int Run(); }""" },
        { "protected member of a base of the spec's type", """partial class T : B { [SpawnSpec("true")] [Sandbox(typeof(B), "Guarded")] public static partial int Run(); }""" },
        { "with redirections and environment", """static partial class T { [SpawnSpec("sh", "-c", "echo $A")] [StandardInput(Redirect.Null)] [SetEnvironment("A", "b")] [Sandbox(typeof(P), nameof(P.Field))] public static partial CapturedOutput Run(); }""" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public Task Rule_fires_on_a_broken_sandbox_reference(string rule, string source)
    {
        Assert.StartsWith("SPAWN006", rule, StringComparison.Ordinal);
        return SpecVerifier.VerifyAnalyzerAsync(Profiles + source);
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public Task No_rule_fires_on_a_correct_sandbox_reference(string name, string source)
    {
        Assert.NotEmpty(name);
        return SpecVerifier.VerifyAnalyzerAsync(Profiles + source);
    }
}
