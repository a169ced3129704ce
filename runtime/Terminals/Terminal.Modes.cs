using System.Runtime.InteropServices;
using Spawn.Interop;
using static Spawn.Interop.TerminalSyscalls;

namespace Spawn.Terminals;

public sealed partial class Terminal
{
    /// <summary>The window size (<c>ioctl(TIOCGWINSZ)</c> on the leader).</summary>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">The ioctl failed.</exception>
    public unsafe TerminalSize Size
    {
        get
        {
            using LeaderReference leader = HoldLeader();
            WinSize size;
            if (Ioctl(leader.Fd, TIOCGWINSZ, &size) < 0)
                throw SpawnException.FromLastPInvokeError("ioctl TIOCGWINSZ", FollowerPath);
            return new TerminalSize(size.Rows, size.Columns);
        }
    }

    /// <summary>
    /// Changes the window size (<c>ioctl(TIOCSWINSZ)</c> on the leader); when it differs, the kernel
    /// sends SIGWINCH to the terminal's foreground process group, which redraws for it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A zero, negative or too large dimension.</exception>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">The ioctl failed.</exception>
    public void Resize(TerminalSize size)
    {
        size.Check();
        using LeaderReference leader = HoldLeader();
        SetSize(leader.Fd, size);
    }

    /// <summary>
    /// Whether the terminal echoes its input (<c>ECHO</c> of <c>c_lflag</c>, read with <c>TCGETS</c>
    /// and set with <c>TCSETS</c>). A program may change it too: <c>stty -echo</c>, a password prompt.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">The ioctl failed.</exception>
    public bool Echo
    {
        get => (GetModes().LocalFlags & ECHO) != 0;
        set => ChangeModes(value, raw: null);
    }

    /// <summary>
    /// Whether the terminal is in raw mode: no line editing and no signal characters (<c>ICANON</c>
    /// and <c>ISIG</c> off). Setting true does what <c>cfmakeraw</c> does (echo goes off too); setting
    /// false restores the kernel's cooked defaults (line editing, ^C/^\/^Z, CR to NL on input, NL to
    /// CR NL on output), keeping <see cref="Echo"/> as it is.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">The ioctl failed.</exception>
    public bool Raw
    {
        get => (GetModes().LocalFlags & (ICANON | ISIG)) == 0;
        set => ChangeModes(echo: null, value);
    }

    /// <summary>
    /// Types the terminal's interrupt character (<c>c_cc[VINTR]</c>, normally ^C): unless the terminal
    /// is raw, the kernel sends SIGINT to its foreground process group.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">TCGETS failed.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public void SendInterrupt() => SendControlCharacter(VINTR);

    /// <summary>
    /// Types the terminal's end-of-file character (<c>c_cc[VEOF]</c>, normally ^D): in cooked mode, at
    /// the start of a line, the program's next read returns 0 (end of file); after text on the line it
    /// hands that text over without a newline.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The terminal was disposed.</exception>
    /// <exception cref="SpawnException">TCGETS failed.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public void SendEndOfFile() => SendControlCharacter(VEOF);

    private unsafe void SendControlCharacter(int index)
    {
        KernelTermios modes = GetModes();
        byte character = modes.ControlCharacters[index];
        Leader.Write(new ReadOnlySpan<byte>(&character, 1));
    }

    private unsafe KernelTermios GetModes()
    {
        using LeaderReference leader = HoldLeader();
        KernelTermios modes;
        if (Ioctl(leader.Fd, TCGETS, &modes) < 0)
            throw SpawnException.FromLastPInvokeError("ioctl TCGETS", FollowerPath);
        return modes;
    }

    private void ChangeModes(bool? echo, bool? raw)
    {
        using LeaderReference leader = HoldLeader();
        SetModes(leader.Fd, echo, raw);
    }

    private static unsafe void SetSize(int leaderFd, TerminalSize size)
    {
        var winSize = new WinSize { Rows = (ushort)size.Rows, Columns = (ushort)size.Columns };
        if (Ioctl(leaderFd, TIOCSWINSZ, &winSize) < 0)
            throw SpawnException.FromLastPInvokeError("ioctl TIOCSWINSZ");
    }

    // TCGETS and TCSETS on the leader act on the follower's modes, which are the terminal's.
    private static unsafe void SetModes(int leaderFd, bool? echo, bool? raw)
    {
        KernelTermios modes;
        if (Ioctl(leaderFd, TCGETS, &modes) < 0)
            throw SpawnException.FromLastPInvokeError("ioctl TCGETS");
        if (raw == true)
        {
            modes.InputFlags &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
            modes.OutputFlags &= ~OPOST;
            modes.LocalFlags &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
            modes.ControlFlags = (modes.ControlFlags & ~(CSIZE | PARENB)) | CS8;
            modes.ControlCharacters[VMIN] = 1;
            modes.ControlCharacters[VTIME] = 0;
        }
        else if (raw == false)
        {
            modes.InputFlags |= ICRNL | IXON;
            modes.OutputFlags |= OPOST | ONLCR;
            modes.LocalFlags |= ISIG | ICANON | IEXTEN | ECHOE | ECHOK | ECHOCTL | ECHOKE;
        }
        if (echo is { } on)
            modes.LocalFlags = on ? modes.LocalFlags | ECHO : modes.LocalFlags & ~ECHO;
        if (Ioctl(leaderFd, TCSETS, &modes) < 0)
            throw SpawnException.FromLastPInvokeError("ioctl TCSETS");
    }

    // A reference on the leader for one ioctl, so that a Dispose on another thread cannot close the
    // descriptor (and let its number be reused) under the call.
    private LeaderReference HoldLeader()
    {
        bool added = false;
        if (!Leader.Handle.IsClosed)
        {
            try
            {
                Leader.Handle.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
            }
        }
        ObjectDisposedException.ThrowIf(!added, this);
        return new LeaderReference(Leader.Handle);
    }

    /// <summary>The leader's descriptor, held open until <see cref="Dispose"/> (<c>SafeHandle.DangerousRelease</c>).</summary>
    private readonly ref struct LeaderReference(SafeHandle handle)
    {
        internal int Fd => (int)handle.DangerousGetHandle();

        public void Dispose() => handle.DangerousRelease();
    }
}
