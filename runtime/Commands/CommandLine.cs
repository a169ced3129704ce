using System.Text;

namespace Spawn.Commands;

/// <summary>How a command is named in messages: its argv as a shell would read it back.</summary>
internal static class CommandLine
{
    internal static string Format(Command command)
    {
        var line = new StringBuilder();
        Append(line, command.Program);
        foreach (string argument in command.Arguments)
            Append(line.Append(' '), argument);
        return line.ToString();
    }

    private static void Append(StringBuilder line, string word)
    {
        if (word.Length > 0 && !word.Any(NeedsQuotes))
            line.Append(word);
        else
            line.Append('\'').Append(word.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
    }

    private static bool NeedsQuotes(char c) => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or ':' or '=' or '+' or '@' or '%');
}
