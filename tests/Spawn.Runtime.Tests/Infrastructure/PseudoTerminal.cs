using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// A pseudo-terminal pair from <c>posix_openpt</c>, <c>grantpt</c>, <c>unlockpt</c> and
/// <c>ptsname_r</c>. Neither side becomes this process's controlling terminal (O_NOCTTY).
/// </summary>
public sealed unsafe class PseudoTerminal : IDisposable
{
    private PseudoTerminal(SafeFileHandle master, string slavePath)
    {
        Master = master;
        SlavePath = slavePath;
    }

    /// <summary>The master side.</summary>
    public SafeFileHandle Master { get; }

    /// <summary>The slave device, e.g. <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a pair, or skips the test with the reason when the machine has none to give.</summary>
    public static PseudoTerminal Open()
    {
        int fd = LibC.PosixOpenPt(OpenFlags.O_RDWR | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC);
        Skip.If(fd < 0, $"no pseudo-terminal: posix_openpt failed with errno {Marshal.GetLastPInvokeError()}");
        var master = new SafeFileHandle(fd, ownsHandle: true);
        byte* name = stackalloc byte[128];
        if (LibC.GrantPt(fd) != 0 || LibC.UnlockPt(fd) != 0 || LibC.PtsNameR(fd, name, 128) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            master.Dispose();
            throw new SkipException($"no usable pseudo-terminal: grantpt/unlockpt/ptsname_r failed with errno {error}");
        }

        return new PseudoTerminal(master, Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
    }

    /// <summary>Opens the slave side with <paramref name="flags"/> (O_NOCTTY is added), owned by the handle.</summary>
    public SafeFileHandle OpenSlave(int flags) => LibC.OpenOwned(SlavePath, flags | OpenFlags.O_NOCTTY);

    public void Dispose() => Master.Dispose();
}
