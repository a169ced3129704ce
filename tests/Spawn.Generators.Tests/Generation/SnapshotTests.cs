using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Spawn.Generators.Tests.Generation;

/// <summary>
/// The emitted source of a representative set of specs (<c>Snapshots/*.cs</c>) compared with the
/// stored expectation (<c>Snapshots/*.verified.txt</c>). Set <c>SPAWN_UPDATE_SNAPSHOTS=1</c> to
/// rewrite the expectations after an intended change, then review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private const string UpdateVariable = "SPAWN_UPDATE_SNAPSHOTS";

    public static TheoryData<string> Specs()
    {
        TheoryData<string> names = [];
        foreach (string file in Directory.EnumerateFiles(SnapshotFolder(), "*.cs").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Emitted_source_matches_the_stored_snapshot(string name)
    {
        string folder = SnapshotFolder();
        (_, _, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(File.ReadAllText(Path.Combine(folder, name + ".cs"))));
        string actual = string.Join("\n", run.GeneratedSources.Select(source => "// ==== " + source.HintName + "\n" + source.SourceText));
        string expectedPath = Path.Combine(folder, name + ".verified.txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"No snapshot {expectedPath}: run with {UpdateVariable}=1 and review it.");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_spec_compiles_without_warnings(string name)
    {
        (_, Compilation output, GeneratorRunResult run) = GeneratorHarness.Run(GeneratorHarness.Compile(File.ReadAllText(Path.Combine(SnapshotFolder(), name + ".cs"))));

        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }

    internal static string SnapshotFolder([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Snapshots");
}
