using Microsoft.Win32.SafeHandles;
using Spawn.Interop;

namespace Spawn.Terminals;

/// <summary>
/// A pseudo-terminal pair and, once <see cref="Spawn"/> started one, the child running on it. The
/// <see cref="Leader"/> is this process's side (what a terminal emulator holds), the follower
/// (<c>/dev/pts/N</c>) is the child's controlling terminal and its stdin, stdout and stderr.
/// </summary>
/// <remarks>
/// <para>The pair is opened without the C library's non-reentrant <c>ptsname</c>:
/// <c>open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)</c>, <c>ioctl(TIOCSPTLCK, 0)</c> (unlockpt),
/// <c>ioctl(TIOCGPTN)</c> for the follower's number and <c>ioctl(TIOCGPTPEER)</c> (Linux 4.13+; by
/// its path before) for the follower itself, both close-on-exec, so no other child inherits them.
/// Neither side becomes this process's controlling terminal.</para>
/// <para>Disposing closes the leader, which hangs the terminal up: the kernel sends SIGHUP (and
/// SIGCONT) to the child's session, which ends a shell. The <see cref="Process"/> is disposed too:
/// a child already waited for is not touched again, one still running is left to the runtime's
/// reaper (or killed first with <see cref="PidFd.KillOnDispose"/>), so it never stays a zombie.</para>
/// </remarks>
public sealed partial class Terminal : IDisposable
{
    private SafeFileHandle? _follower;

    private Terminal(TerminalStream leader, SafeFileHandle? follower, string followerPath)
    {
        Leader = leader;
        _follower = follower;
        FollowerPath = followerPath;
    }

    /// <summary>The leader side: read what the child writes, write its input.</summary>
    public TerminalStream Leader { get; }

    /// <summary>The follower's device path, e.g. <c>/dev/pts/3</c> (what <c>tty</c> prints in the child).</summary>
    public string FollowerPath { get; }

    /// <summary>
    /// This process's descriptor of the follower (close-on-exec) while it is open: pass it to
    /// <see cref="SpawnFileActions.AddControllingTerminal"/>, then <see cref="CloseFollower"/> once the
    /// child is spawned. Null after that (and always after <see cref="Spawn"/> and from a
    /// <see cref="Specs.TerminalAttribute"/> spec).
    /// </summary>
    public SafeFileHandle? Follower => _follower;

    /// <summary>The child <see cref="Spawn"/> started on the terminal, or null for a terminal from <see cref="Open"/>
    /// or from a <see cref="Specs.TerminalAttribute"/> spec (whose method returns the child).</summary>
    public PidFd? Process { get; private set; }

    /// <summary>
    /// Opens a pseudo-terminal pair with the size and modes of <paramref name="options"/>
    /// (<c>TIOCSWINSZ</c>; <c>TCGETS</c> and <c>TCSETS</c> unless the modes are the default ones).
    /// </summary>
    /// <param name="options">Size and modes, or null for 24 by 80, cooked, echoing.</param>
    /// <exception cref="ArgumentOutOfRangeException">A zero, negative or too large window size.</exception>
    /// <exception cref="SpawnException">open of <c>/dev/ptmx</c> (ENOENT without devpts, EMFILE, ENFILE,
    /// ENOSPC at the pty limit of <c>/proc/sys/kernel/pty/max</c>), or one of the ioctls, naming it.</exception>
    public static Terminal Open(TerminalOptions? options = null)
    {
        options ??= new TerminalOptions();
        OpenPair(options.Size, options.Echo, options.Raw, out int leaderFd, out int followerFd, out uint number);
        var follower = new SafeFileHandle(followerFd, ownsHandle: true);
        try
        {
            return Attach(leaderFd, number, follower);
        }
        catch
        {
            follower.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What <see cref="Open"/> does, as bare descriptors (both close-on-exec), so that a generated
    /// <c>[SpawnSpec]</c> method allocates nothing until it hands the terminal out with <see cref="Attach"/>.
    /// The outputs are written only on success; on failure both descriptors are closed again.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A zero, negative or too large window size.</exception>
    /// <exception cref="SpawnException">As <see cref="Open"/>.</exception>
    internal static unsafe void OpenPair(TerminalSize size, bool echo, bool raw, out int leaderFd, out int followerFd, out uint number)
    {
        size.Check();
        const int flags = OpenFlags.O_RDWR | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC;
        int leader;
        fixed (byte* ptmx = "/dev/ptmx\0"u8)
            leader = Libc.OpenAt(Libc.AT_FDCWD, ptmx, flags, 0);
        if (leader < 0)
            throw SpawnException.FromLastPInvokeError("open", "/dev/ptmx");
        int follower = -1;
        try
        {
            int unlock = 0;
            if (TerminalSyscalls.Ioctl(leader, TerminalSyscalls.TIOCSPTLCK, &unlock) < 0)
                throw SpawnException.FromLastPInvokeError("ioctl TIOCSPTLCK", "/dev/ptmx");
            uint ptyNumber;
            if (TerminalSyscalls.Ioctl(leader, TerminalSyscalls.TIOCGPTN, &ptyNumber) < 0)
                throw SpawnException.FromLastPInvokeError("ioctl TIOCGPTN", "/dev/ptmx");
            follower = OpenFollower(leader, ptyNumber, flags);
            SetSize(leader, size);
            // A new pair starts in the kernel's cooked, echoing modes (tty_std_termios): TCGETS and
            // TCSETS only when something else is asked. Raw mode has no echo (cfmakeraw), whatever
            // echo says: it defaults to true, and would otherwise turn echo back on.
            if (raw || !echo)
                SetModes(leader, raw ? null : echo, raw);
            leaderFd = leader;
            followerFd = follower;
            number = ptyNumber;
        }
        catch
        {
            if (follower >= 0)
                Libc.Close(follower);
            Libc.Close(leader);
            throw;
        }
    }

    /// <summary>
    /// A terminal over a leader from <see cref="OpenPair"/> whose follower the caller already closed
    /// (the child has its copies): <see cref="Follower"/> and <see cref="Process"/> are null.
    /// </summary>
    /// <param name="leaderFd">The leader, owned by the terminal from here on.</param>
    /// <param name="number">The follower's number under <c>/dev/pts</c>.</param>
    /// <param name="follower">The follower, when this process still holds it.</param>
    /// <exception cref="SpawnException">fcntl failed to make the leader non-blocking; the leader is closed.</exception>
    internal static Terminal Attach(int leaderFd, uint number, SafeFileHandle? follower = null)
    {
        // The SafeFileHandle owns the leader from here: the stream's failure closes it.
        var leader = new SafeFileHandle(leaderFd, ownsHandle: true);
        try
        {
            return new Terminal(new TerminalStream(leader), follower, FollowerPathOf(number));
        }
        catch
        {
            leader.Dispose();
            throw;
        }
    }

    private static string FollowerPathOf(uint number) => "/dev/pts/" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // TIOCGPTPEER opens exactly our follower, even if /dev/pts is another devpts instance; before
    // Linux 4.13 it is EINVAL (ENOTTY on some), and the path is all there is.
    private static unsafe int OpenFollower(int leaderFd, uint number, int flags)
    {
        int fd = TerminalSyscalls.Ioctl(leaderFd, TerminalSyscalls.TIOCGPTPEER, flags);
        if (fd >= 0)
            return fd;
        Errno error = Errno.FromLastPInvokeError();
        string path = FollowerPathOf(number);
        if (error != Errno.EINVAL && error != Errno.ENOTTY)
            throw new SpawnException("ioctl TIOCGPTPEER", error, path);
        byte* utf8 = stackalloc byte[32];
        int length = System.Text.Encoding.UTF8.GetBytes(path, new Span<byte>(utf8, 31));
        utf8[length] = 0;
        fd = Libc.OpenAt(Libc.AT_FDCWD, utf8, flags, 0);
        return fd >= 0 ? fd : throw SpawnException.FromLastPInvokeError("open", path);
    }

    /// <summary>
    /// Closes this process's descriptor of the follower, once the child has its own copies: until then
    /// the leader never reads end of stream, since this process could still write to the follower.
    /// </summary>
    public void CloseFollower()
    {
        Interlocked.Exchange(ref _follower, null)?.Dispose();
    }

    /// <summary>
    /// Closes the leader (the terminal hangs up: SIGHUP to the child's session) and the follower, and
    /// disposes <see cref="Process"/> (see the remarks of <see cref="Terminal"/>). Waits for nothing.
    /// </summary>
    public void Dispose()
    {
        Leader.Dispose();
        CloseFollower();
        Process?.Dispose();
    }
}
