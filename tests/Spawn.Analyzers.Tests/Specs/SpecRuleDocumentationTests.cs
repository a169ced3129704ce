using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Spawn.Analyzers.Diagnostics;
using Xunit;

namespace Spawn.Analyzers.Tests.Specs;

/// <summary>Every descriptor of the catalog links to its page, and the page exists with why, bad and good code.</summary>
public sealed class SpecRuleDocumentationTests
{
    public static TheoryData<string> Descriptors()
    {
        TheoryData<string> ids = [];
        foreach (DiagnosticDescriptor descriptor in AllDescriptors())
        {
            ids.Add(descriptor.Id);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_descriptor_has_a_help_link_to_an_existing_page(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(candidate => candidate.Id == id);

        Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page at {page}");
        string text = File.ReadAllText(page);
        Assert.StartsWith("# " + id, text, StringComparison.Ordinal);
        if (descriptor.Category == SpawnDiagnostics.SpecsCategory)
        {
            Assert.Contains("## Why", text, StringComparison.Ordinal);
            Assert.Contains("## Bad", text, StringComparison.Ordinal);
            Assert.Contains("## Good", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Spec_rule_ids_are_unique_and_in_the_spec_range()
    {
        string[] ids = [.. SpawnDiagnostics.SpecRules.Select(rule => rule.Id)];

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.InRange(int.Parse(id["SPAWN".Length..], System.Globalization.CultureInfo.InvariantCulture), 1, 99));
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() => typeof(SpawnDiagnostics)
        .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
