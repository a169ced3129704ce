using System.Text;
using Spawn.Terminals;

namespace Spawn.TerminalSample;

/// <summary>
/// An interactive shell on a terminal, driven the way a person would: type a line, wait for the
/// prompt to come back, take what appeared in between as the command's output.
/// </summary>
internal sealed class ShellSession(Terminal terminal, string prompt)
{
    private readonly StringBuilder _screen = new();
    private readonly byte[] _buffer = new byte[4096];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    /// <summary>Reads until the prompt shows at the end of what the terminal printed, and returns what came before it.</summary>
    public async Task<string> WaitForPromptAsync(CancellationToken cancellationToken)
    {
        while (!_screen.ToString().EndsWith(prompt, StringComparison.Ordinal))
        {
            int count = await terminal.Leader.ReadAsync(_buffer, cancellationToken);
            if (count == 0)
                throw new EndOfStreamException($"the shell ended before its prompt; the screen showed: {_screen}");
            char[] chars = new char[_decoder.GetCharCount(_buffer, 0, count)];
            _decoder.GetChars(_buffer, 0, count, chars, 0);
            _screen.Append(chars);
        }

        string text = _screen.ToString(0, _screen.Length - prompt.Length);
        _screen.Clear();
        return text;
    }

    /// <summary>Types <paramref name="command"/> and Enter, waits for the next prompt and returns the command's output (without the echoed line).</summary>
    public async Task<string> RunAsync(string command, CancellationToken cancellationToken)
    {
        await terminal.Leader.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), cancellationToken);
        string text = await WaitForPromptAsync(cancellationToken);
        // The terminal echoes the typed line first, ending in CR NL (output processing turns NL into CR NL).
        int echoEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        return echoEnd < 0 ? "" : text[(echoEnd + 2)..];
    }
}
