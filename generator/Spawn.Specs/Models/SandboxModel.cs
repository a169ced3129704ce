namespace Spawn.Specs.Models;

/// <summary>The compiled sandbox a spec's child runs in: a static member the generated code reads at each call.</summary>
/// <param name="Type">The type that declares the member, fully qualified (<c>global::MyProfiles</c>).</param>
/// <param name="Member">The static field or property's name (<c>Jobs</c>).</param>
/// <param name="DisplayName">The member as its owner writes it (<c>MyProfiles.Jobs</c>), for the error when it holds null.</param>
internal sealed record SandboxModel(string Type, string Member, string DisplayName)
{
    /// <summary>The <c>[Sandbox]</c> attribute, as written (on one line).</summary>
    public string? AttributeText { get; init; }
}
