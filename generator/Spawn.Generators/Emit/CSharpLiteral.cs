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

    /// <summary>Nine permission bits as a binary literal in octal's groups of three: <c>0b000_010_111u</c> (027).</summary>
    public static string PermissionBits(uint bits)
    {
        string binary = Convert.ToString(bits & 0x1ff, 2).PadLeft(9, '0');
        return $"0b{binary.Substring(0, 3)}_{binary.Substring(3, 3)}_{binary.Substring(6, 3)}u";
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
}
