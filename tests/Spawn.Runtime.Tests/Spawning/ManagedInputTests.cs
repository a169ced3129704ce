using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Spawning;

/// <summary>
/// Input C cannot carry (a NUL inside a string, a null entry, no argv[0]) is an
/// <see cref="ArgumentException"/> naming the parameter, thrown before anything is spawned (the
/// base class checks no child and no descriptor appeared).
/// </summary>
public sealed class ManagedInputTests : LeakCheckedTest
{
    public static TheoryData<string, string[], string[]?, string> BadInputs => new()
    {
        { ProbeProgram.Path, ["probe", "a\0b"], null, "argv" },
        { ProbeProgram.Path, [], null, "argv" },
        { ProbeProgram.Path, ["probe", null!], null, "argv" },
        { ProbeProgram.Path, ["probe"], ["A=1", null!], "envp" },
        { ProbeProgram.Path, ["probe"], ["A=\0"], "envp" },
        { ProbeProgram.Path + "\0", ["probe"], null, "path" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_an_ArgumentException_naming_the_parameter(string path, string[] argv, string[]? envp, string parameter)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => Spawner.PidFdSpawn(path, null, null, argv, envp));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void The_Try_forms_throw_for_bad_input_too()
    {
        Assert.ThrowsAny<ArgumentException>(() => Spawner.TryPidFdSpawn(ProbeProgram.Path, null, null, [], null, out _, out _));
    }

    [Fact]
    public void A_NUL_in_a_file_action_path_is_refused_when_added()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SpawnFileActions().AddOpen(3, "/dev/\0null", OpenFlags.O_RDONLY, 0));
        Assert.ThrowsAny<ArgumentException>(() => new SpawnFileActions().AddChdir("/tmp\0"));
    }
}
