using Spawn.Interop;

namespace Spawn.Interop;

/// <summary>
/// Reads the <c>Pid:</c> field of <c>/proc/self/fdinfo/N</c> as glibc's <c>pidfd_getpid</c> does,
/// with stack buffers only: the pid in our pid namespace, 0 when the process is in a namespace we
/// cannot see, -1 once it has exited and been reaped. This is the way to a pidfd's pid on kernels
/// without the <c>PIDFD_GET_INFO</c> ioctl (before 6.13).
/// </summary>
internal static unsafe class ProcFdInfo
{
    private const int LineCapacity = 256;

    /// <summary>
    /// <c>pidfd_getpid</c>'s answer for a descriptor: 0 and the pid; or EBADF (no fdinfo, no
    /// <c>Pid:</c> line, an unparsable one), EREMOTE (another pid namespace) or ESRCH (reaped).
    /// </summary>
    internal static Errno ReadPid(int fd, out int pid)
    {
        pid = 0;
        if (fd < 0)
            return Errno.EBADF;

        // "/proc/self/fdinfo/" + up to 10 digits + NUL.
        byte* path = stackalloc byte[32];
        "/proc/self/fdinfo/"u8.CopyTo(new Span<byte>(path, 32));
        int length = "/proc/self/fdinfo/".Length;
        fd.TryFormat(new Span<byte>(path + length, 32 - length - 1), out int digits);
        path[length + digits] = 0;

        int file = Libc.OpenAt(Libc.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        if (file < 0)
            return Errno.EBADF;
        try
        {
            return ReadPidField(file, out pid);
        }
        finally
        {
            Libc.Close(file);
        }
    }

    /// <summary>Finds and parses the <c>Pid:</c> line of an fdinfo text read from <paramref name="file"/>.</summary>
    internal static Errno ReadPidField(int file, out int pid)
    {
        pid = 0;
        byte* buffer = stackalloc byte[LineCapacity];
        int filled = 0;
        bool skippingLongLine = false;
        for (;;)
        {
            nint read = Libc.Read(file, buffer + filled, (nuint)(LineCapacity - filled));
            if (read < 0)
            {
                if (Errno.FromLastPInvokeError() == Errno.EINTR)
                    continue;
                return Errno.EBADF;
            }
            if (read == 0)
                break;
            filled += (int)read;

            var pending = new Span<byte>(buffer, filled);
            int newline;
            while ((newline = pending.IndexOf((byte)'\n')) >= 0)
            {
                if (!skippingLongLine)
                {
                    var outcome = ParseLine(pending[..newline], out pid);
                    if (outcome != LineOutcome.NotPid)
                        return Finish(outcome, pid);
                }
                skippingLongLine = false;
                pending = pending[(newline + 1)..];
            }
            if (pending.Length == LineCapacity)
            {
                // A line longer than any Pid: line can be: only its start matters.
                if (!skippingLongLine && pending.StartsWith("Pid:"u8))
                    return Errno.EBADF;
                skippingLongLine = true;
                filled = 0;
                continue;
            }
            pending.CopyTo(new Span<byte>(buffer, LineCapacity));
            filled = pending.Length;
        }
        if (filled > 0 && !skippingLongLine)
        {
            var outcome = ParseLine(new Span<byte>(buffer, filled), out pid);
            if (outcome != LineOutcome.NotPid)
                return Finish(outcome, pid);
        }
        return Errno.EBADF;
    }

    private static Errno Finish(LineOutcome outcome, int pid) =>
        outcome == LineOutcome.Invalid ? Errno.EBADF
        : pid == 0 ? Errno.EREMOTE
        : pid < 0 ? Errno.ESRCH
        : default;

    private enum LineOutcome
    {
        NotPid,
        Pid,
        Invalid,
    }

    /// <summary>glibc's rules: blanks after "Pid:", an optional '-', digits only, no '+', and -1 is the only negative value.</summary>
    private static LineOutcome ParseLine(ReadOnlySpan<byte> line, out int pid)
    {
        pid = 0;
        if (!line.StartsWith("Pid:"u8))
            return LineOutcome.NotPid;
        int i = 4;
        while (i < line.Length && (line[i] == (byte)' ' || (uint)(line[i] - '\t') < 5))
            i++;
        bool negative = false;
        if (i < line.Length && line[i] == (byte)'-')
        {
            negative = true;
            i++;
        }
        else if (i < line.Length && line[i] == (byte)'+')
        {
            return LineOutcome.Invalid;
        }
        if (i == line.Length)
            return LineOutcome.NotPid; // glibc skips an empty value and keeps looking
        int value = 0;
        for (; i < line.Length; i++)
        {
            uint digit = (uint)(line[i] - '0');
            if (digit > 9)
                return LineOutcome.Invalid;
            if (value > (int.MaxValue - (int)digit) / 10)
                return LineOutcome.Invalid;
            value = value * 10 + (int)digit;
        }
        if (negative && value != 1)
            return LineOutcome.Invalid;
        pid = negative ? -value : value;
        return LineOutcome.Pid;
    }
}
