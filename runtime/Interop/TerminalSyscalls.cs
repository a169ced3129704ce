using System.Runtime.InteropServices;

namespace Spawn.Interop;

/// <summary>
/// The terminal ioctls on a pseudo-terminal pair: <c>TIOCSPTLCK</c>, <c>TIOCGPTN</c> and
/// <c>TIOCGPTPEER</c> on the leader (<c>/dev/ptmx</c>), <c>TIOCGWINSZ</c>/<c>TIOCSWINSZ</c> and
/// <c>TCGETS</c>/<c>TCSETS</c>, which the kernel applies to the follower when given the leader.
/// The request numbers are the asm-generic ones, the same on x86-64 and aarch64. Every call sets errno.
/// </summary>
/// <remarks>
/// <c>ioctl</c> is variadic in C; on x86-64 and aarch64 Linux a pointer or integer third argument
/// travels in the same register as a fixed one (see <see cref="PidFdSyscalls"/>). The termios
/// calls use the kernel's <c>struct termios</c> (<see cref="KernelTermios"/>) directly, not
/// glibc's larger one, so no libc conversion is involved.
/// </remarks>
internal static unsafe partial class TerminalSyscalls
{
    internal const ulong TCGETS = 0x5401;
    internal const ulong TCSETS = 0x5402;
    internal const ulong TIOCGWINSZ = 0x5413;
    internal const ulong TIOCSWINSZ = 0x5414;
    /// <summary><c>_IOR('T', 0x30, unsigned int)</c>: the follower's number, for <c>/dev/pts/N</c>.</summary>
    internal const ulong TIOCGPTN = 0x80045430;
    /// <summary><c>_IOW('T', 0x31, int)</c>: 0 unlocks the follower (what <c>unlockpt</c> does).</summary>
    internal const ulong TIOCSPTLCK = 0x40045431;
    /// <summary><c>_IO('T', 0x41)</c>: opens the follower from the leader (Linux 4.13+).</summary>
    internal const ulong TIOCGPTPEER = 0x5441;

    // c_lflag
    internal const uint ISIG = 0x1;
    internal const uint ICANON = 0x2;
    internal const uint ECHO = 0x8;
    internal const uint ECHOE = 0x10;
    internal const uint ECHOK = 0x20;
    internal const uint ECHONL = 0x40;
    internal const uint ECHOCTL = 0x200;
    internal const uint ECHOKE = 0x800;
    internal const uint IEXTEN = 0x8000;

    // c_iflag
    internal const uint IGNBRK = 0x1;
    internal const uint BRKINT = 0x2;
    internal const uint PARMRK = 0x8;
    internal const uint ISTRIP = 0x20;
    internal const uint INLCR = 0x40;
    internal const uint IGNCR = 0x80;
    internal const uint ICRNL = 0x100;
    internal const uint IXON = 0x400;

    // c_oflag
    internal const uint OPOST = 0x1;
    internal const uint ONLCR = 0x4;

    // c_cflag
    internal const uint CSIZE = 0x30;
    internal const uint CS8 = 0x30;
    internal const uint PARENB = 0x100;

    // c_cc indexes
    internal const int VINTR = 0;
    internal const int VQUIT = 1;
    internal const int VEOF = 4;
    internal const int VTIME = 5;
    internal const int VMIN = 6;
    internal const int VSUSP = 10;

    /// <summary><c>struct winsize</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct WinSize
    {
        internal ushort Rows;
        internal ushort Columns;
        internal ushort XPixels;
        internal ushort YPixels;
    }

    /// <summary>The kernel's <c>struct termios</c> of <c>TCGETS</c> (asm-generic and x86: 19 control characters, 36 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KernelTermios
    {
        internal const int ControlCharacterCount = 19;

        internal uint InputFlags;
        internal uint OutputFlags;
        internal uint ControlFlags;
        internal uint LocalFlags;
        internal byte LineDiscipline;
        internal fixed byte ControlCharacters[ControlCharacterCount];
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, void* argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}
