using System.Collections.Immutable;
using System.Text;

namespace Spawn.Analyzers.Tests.ForkSafety.Infrastructure;

/// <summary>
/// One snippet of the fork-child corpus: a name, the rule ids it must trigger (none for a safe child) and
/// the program it compiles to. The format is described at the top of Corpus/UnsafeChildren.txt.
/// </summary>
internal sealed record CorpusEntry(string Name, ImmutableHashSet<string> ExpectedIds, string Program)
{
    private const string Header = "### ";
    private const string ProgramMarker = "[program] ";
    private const string MembersMarker = "--- members";

    public static ImmutableArray<CorpusEntry> ReadAll(string path)
    {
        var entries = ImmutableArray.CreateBuilder<CorpusEntry>();
        string? header = null;
        var child = new StringBuilder();
        StringBuilder? members = null;
        foreach (var line in File.ReadLines(path).Append(Header))
        {
            if (line.StartsWith(Header, StringComparison.Ordinal))
            {
                if (header is not null)
                {
                    entries.Add(Create(header, child.ToString(), members?.ToString() ?? ""));
                }

                header = line[Header.Length..];
                child.Clear();
                members = null;
            }
            else if (line == MembersMarker)
            {
                members = new StringBuilder();
            }
            else if (header is not null)
            {
                (members ?? child).AppendLine(line);
            }
        }

        return entries.ToImmutable();
    }

    private static CorpusEntry Create(string header, string child, string members)
    {
        var parts = header.Split("=>", 2);
        var ids = parts.Length == 2
            ? parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToImmutableHashSet()
            : [];
        var name = parts[0].Trim();
        return name.StartsWith(ProgramMarker, StringComparison.Ordinal)
            ? new CorpusEntry(name[ProgramMarker.Length..], ids, child)
            : new CorpusEntry(name, ids, ChildProgram.WithChild(child, members));
    }
}
