using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Spawn.Generators.Emit;

/// <summary>C# literals for the emitted code, invariant whatever the build machine's culture.</summary>
internal static class CSharpLiteral
{
    /// <summary><c>"text"u8</c>, with <c>\0</c> appended when <paramref name="terminate"/>.</summary>
    public static string Utf8(string text, bool terminate)
    {
        StringBuilder literal = new("\"");
        foreach (char c in text)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return literal.Append(terminate ? "\\0\"u8" : "\"u8").ToString();
    }

    /// <summary>A quoted, escaped C# string literal.</summary>
    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>The number of UTF-8 bytes of <paramref name="text"/>.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string UInt(uint value) => value.ToString(CultureInfo.InvariantCulture) + "u";

    public static string ULong(ulong value) => value.ToString(CultureInfo.InvariantCulture) + "UL";

    /// <summary>
    /// File mode bits as a binary literal in octal's groups of three, as <c>ls -l</c> reads them:
    /// <c>0b110_100_100u</c> (0644), <c>0b000_010_111u</c> (027); a fourth group leads when the
    /// set-user-ID, set-group-ID or sticky bit is set (<c>0b100_111_101_101u</c>, 04755).
    /// </summary>
    public static string FileMode(uint bits)
    {
        if (bits > 0xfff)
        {
            return UInt(bits);
        }

        int groups = bits > 0x1ff ? 4 : 3;
        string binary = Convert.ToString(bits, 2).PadLeft(3 * groups, '0');
        return "0b" + string.Join("_", Enumerable.Range(0, groups).Select(group => binary.Substring(3 * group, 3))) + "u";
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>An <c>int</c> in hexadecimal; one with the sign bit set is cast, as C# reads <c>0x80000000</c> as a <c>uint</c>.</summary>
    public static string IntHex(int value) => value < 0 ? $"unchecked((int){Hex(unchecked((uint)value))})" : Hex((uint)value);
}
