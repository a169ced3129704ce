namespace Spawn.Analyzers.Diagnostics;

/// <summary>
/// The one catalog of the analyzers' diagnostics. Each area declares its descriptors in a partial
/// file of its own: SPAWN0001-SPAWN0099 spec rules, SPAWN0100-SPAWN0199 fork-child safety.
/// </summary>
internal static partial class SpawnDiagnostics
{
    internal const string SpecsCategory = "Spawn.Specs";
    internal const string ForkSafetyCategory = "Spawn.ForkSafety";

    // Every rule has its page in the repository's docs/rules folder; a test checks that it exists.
    // The base address comes from the build (RuleHelpLinks, generated from SpawnRuleHelpLinkBase).
    private static string HelpLink(string id) => RuleHelpLinks.Base + id + ".md";
}
