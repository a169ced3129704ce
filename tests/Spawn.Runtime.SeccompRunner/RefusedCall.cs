namespace Spawn.Runtime.SeccompRunner;

/// <summary>
/// A system call the filter refuses, with a direct call that shows the filter works: without the
/// filter that call gives an answer none of the injected errnos can be (<c>ok</c>, EFAULT, EBADF,
/// ESRCH), under it the injected errno. <see cref="Syscall"/> is the kernel's name for it. <see cref="Neighbour"/>, where present, is a call of the
/// same system call the filter must let through.
/// </summary>
internal sealed unsafe record RefusedCall(string Name, string Syscall, int? ArgumentIndex, uint ArgumentValue,
                                          Func<long> Check, Func<long>? Neighbour = null)
{
    /// <summary>_IOWR(0xFF, 11, struct pidfd_info) for its 64-byte first version.</summary>
    private const uint PIDFD_GET_INFO = 0xC040FF0B;
    private const uint TCGETS = 0x5401;

    public static IReadOnlyList<RefusedCall> All { get; } =
    [
        // clone3(NULL, 64): EFAULT.
        new("clone3", "clone3", null, 0, () => LibC.Syscall(SyscallTable.Clone3, 0, 64, 0, 0)),
        // waitid(P_PIDFD, INT_MAX): EBADF; waitid(P_ALL, WNOHANG) with no child: ECHILD.
        new("waitid-pidfd", "waitid", 0, LibC.P_PIDFD, () => WaitId(LibC.P_PIDFD, int.MaxValue, LibC.WEXITED),
            () => WaitId(LibC.P_ALL, 0, LibC.WEXITED | LibC.WNOHANG)),
        // pidfd_open(INT_MAX, 0): ESRCH.
        new("pidfd_open", "pidfd_open", null, 0, () => LibC.Syscall(SyscallTable.PidFdOpen, int.MaxValue, 0, 0, 0)),
        // pidfd_send_signal(-1, 0, NULL, 0): EBADF.
        new("pidfd_send_signal", "pidfd_send_signal", null, 0, () => LibC.Syscall(SyscallTable.PidFdSendSignal, -1, 0, 0, 0)),
        // close_range(~0U, ~0U, 0): nothing to close, ok.
        new("close_range", "close_range", null, 0, () => LibC.Syscall(SyscallTable.CloseRange, uint.MaxValue, uint.MaxValue, 0, 0)),
        // ioctl(-1, PIDFD_GET_INFO): EBADF; ioctl(-1, TCGETS): EBADF.
        new("pidfd-get-info", "ioctl", 1, PIDFD_GET_INFO, () => LibC.Ioctl(-1, PIDFD_GET_INFO, null),
            () => LibC.Ioctl(-1, TCGETS, null)),
    ];

    /// <summary>"ok" or the errno's name.</summary>
    public static string Describe(Func<long> call) => call() == 0 ? "ok" : Errno.FromLastPInvokeError().Name;

    private static long WaitId(int idType, int id, int options)
    {
        LibC.SigInfo info;
        return LibC.WaitId(idType, id, &info, options);
    }
}
