using System.Collections.Immutable;
using System.Text;
using Spawn.Specs.Models;

namespace Spawn.Specs.Parsing;

/// <summary>
/// Reads one template: literal text, <c>{name}</c>, <c>{?name}</c>, <c>{name...}</c> (alone) and
/// the escapes <c>{{</c> and <c>}}</c>.
/// </summary>
internal static class TemplateParser
{
    private const string SplatSuffix = "...";

    /// <summary>Parses <paramref name="text"/>; on failure returns null and says why.</summary>
    public static TemplateModel? Parse(string text, bool allowSplat, bool allowCondition, out string? error)
    {
        ImmutableArray<SegmentModel>.Builder segments = ImmutableArray.CreateBuilder<SegmentModel>();
        ImmutableArray<string>.Builder conditions = ImmutableArray.CreateBuilder<string>();
        StringBuilder literal = new();
        error = null;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }

                error = "a '}' without its '{' (write '}}' for a brace)";
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }

            int close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = "a '{' without its '}' (write '{{' for a brace)";
                return null;
            }

            string inside = text.Substring(i + 1, close - i - 1);
            i = close + 1;
            if (inside.EndsWith(SplatSuffix, StringComparison.Ordinal))
            {
                string splat = inside.Substring(0, inside.Length - SplatSuffix.Length);
                if (!allowSplat || text != "{" + inside + "}")
                {
                    error = allowSplat ? $"the splat '{{{inside}}}' must stand alone in its argument" : $"a splat '{{{inside}}}' can only be an argument";
                    return null;
                }

                return IsIdentifier(splat, out error)
                    ? new TemplateModel(EquatableArray<SegmentModel>.Empty, EquatableArray<string>.Empty, splat)
                    : null;
            }

            bool isCondition = inside.StartsWith("?", StringComparison.Ordinal);
            string name = isCondition ? inside.Substring(1) : inside;
            if (!IsIdentifier(name, out error))
            {
                return null;
            }

            if (isCondition)
            {
                if (!allowCondition)
                {
                    error = $"a condition '{{?{name}}}' can only be part of an argument";
                    return null;
                }

                conditions.Add(name);
                continue;
            }

            if (literal.Length > 0)
            {
                segments.Add(new SegmentModel(false, literal.ToString()));
                literal.Clear();
            }

            segments.Add(new SegmentModel(true, name));
        }

        if (literal.Length > 0)
        {
            segments.Add(new SegmentModel(false, literal.ToString()));
        }

        return new TemplateModel(new EquatableArray<SegmentModel>(segments.ToImmutable()), new EquatableArray<string>(conditions.ToImmutable()), null);
    }

    private static bool IsIdentifier(string name, out string? error)
    {
        bool valid = name.Length > 0
            && (char.IsLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        error = valid ? null : $"'{name}' is not a parameter name";
        return valid;
    }
}
