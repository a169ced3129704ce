using System.Text;
using Spawn.Terminals;

namespace Spawn.Runtime.Tests.Terminals;

/// <summary>
/// Everything read from a terminal's leader so far, as text, read asynchronously through the
/// reactor. Waits give up after <see cref="Patience"/> so that a broken terminal fails the test
/// instead of hanging it; that bound is a safety net, never what a test asserts.
/// </summary>
internal sealed class TerminalTranscript(Terminal terminal)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _text = new();
    private readonly byte[] _buffer = new byte[16384];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public string Text => _text.ToString();

    /// <summary>Skips the test when the machine has no pseudo-terminals to give.</summary>
    public static void RequirePseudoTerminals() =>
        Skip.IfNot(File.Exists("/dev/ptmx"), "no /dev/ptmx: this machine has no pseudo-terminals (devpts)");

    /// <summary>Reads until the text holds <paramref name="marker"/>; fails at end of stream without it.</summary>
    public async Task WaitForAsync(string marker)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!Text.Contains(marker, StringComparison.Ordinal))
        {
            if (!await ReadOnceAsync(patience.Token))
                Assert.Fail($"the terminal ended without \"{marker}\"; it showed: {Text}");
        }
    }

    /// <summary>Reads until end of stream (every follower descriptor closed: EIO on the leader).</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        while (await ReadOnceAsync(patience.Token))
        {
        }

        return Text;
    }

    private async Task<bool> ReadOnceAsync(CancellationToken cancellationToken)
    {
        int count = await terminal.Leader.ReadAsync(_buffer, cancellationToken);
        if (count == 0)
            return false;
        char[] chars = new char[_decoder.GetCharCount(_buffer, 0, count)];
        _decoder.GetChars(_buffer, 0, count, chars, 0);
        _text.Append(chars);
        return true;
    }
}
