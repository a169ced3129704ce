using System.Text.Json;

namespace Spawn.Benchmarks.Report;

/// <summary>
/// One runtime's share of the page, as the .NET 11 run hands it to the .NET 10 run that writes the
/// page: its runtime, its target lines and its sections already in Markdown (its charts are written).
/// </summary>
internal sealed record RunPart(string Runtime, IReadOnlyList<string> Targets, string Body)
{
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    public static RunPart Load(string path) =>
        JsonSerializer.Deserialize<RunPart>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} holds no run.");
}
