namespace Spawn.Specs.Models;

/// <summary>
/// One argument or value template: literal and parameter segments, an optional <c>{?condition}</c>,
/// or a <c>{splat...}</c> standing alone.
/// </summary>
internal sealed record TemplateModel(EquatableArray<SegmentModel> Segments, EquatableArray<string> Conditions, string? Splat)
{
    /// <summary>The template has no parameter: its text is known at compile time.</summary>
    public bool IsConstant => Splat is null && Conditions.Count == 0 && Segments.All(segment => !segment.IsParameter);

    /// <summary>The literal text of a constant template.</summary>
    public string ConstantText => string.Concat(Segments.Select(segment => segment.Text));
}

/// <summary>Literal text, or the name of a parameter.</summary>
internal sealed record SegmentModel(bool IsParameter, string Text);
