using System.Text;

namespace Spawn.Generators.Emit;

/// <summary>Builds C# text line by line with four-space indentation and braces that indent.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current depth (an empty one without indentation).</summary>
    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void Open()
    {
        Line("{");
        _depth++;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public void Close(string suffix = "")
    {
        _depth--;
        Line("}" + suffix);
    }

    /// <summary>Writes <paramref name="header"/> then opens a block.</summary>
    public void Block(string header)
    {
        Line(header);
        Open();
    }

    public override string ToString() => _text.ToString();
}
