using System.Diagnostics;

namespace Spawn;

/// <summary>Between a <see cref="PidFd"/> and a <see cref="Process"/>, both ways, without the pid-reuse race.</summary>
public sealed partial class PidFd
{
    /// <summary>
    /// <c>pidfd_open</c> for a child started with <see cref="Process"/>, without the
    /// pid-reuse race of <see cref="Open(int)"/>: the process is checked to be still unreaped after
    /// the pidfd was opened, so the pidfd cannot point at a recycled pid. The handle does not own
    /// the process: <c>Process</c> reaps it (and fails fast when someone else does), so waits add
    /// <c>WNOWAIT</c> and read the status without reaping, and dispose only closes the descriptor.
    /// </summary>
    /// <param name="process">A started process.</param>
    /// <exception cref="SpawnException">ESRCH when the process has already exited; pidfd_open's errors.</exception>
    /// <exception cref="InvalidOperationException">The process was not started.</exception>
    public static PidFd Open(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        int pid = process.Id;
        var pidfd = new PidFd(OpenDescriptor(pid), pid, ownsChild: false, knownPidFd: true);
        if (process.HasExited)
        {
            pidfd.Dispose();
            throw new SpawnException("pidfd_open", Errno.ESRCH);
        }
        return pidfd;
    }

    /// <summary>
    /// A <see cref="Process"/> for this handle's process, for APIs that take one (<c>Process.GetProcessById</c>
    /// on the pid asked through the pidfd, <c>pidfd_getpid</c>). The pidfd is checked to be still
    /// running after the <see cref="Process"/> was made, so the <see cref="Process"/> was made for this
    /// process and not for a recycled pid.
    /// </summary>
    /// <remarks>
    /// A <see cref="Process"/> holds a number, not a handle: once this process exits and is reaped,
    /// its <see cref="Process.Id"/> can name another process. It is not a child of
    /// <see cref="Process"/>, so <see cref="Process.ExitCode"/> is not available and
    /// <see cref="Process.WaitForExit()"/> returns only after the child was reaped: wait with this
    /// handle (<see cref="WaitForExit"/>, <c>WaitForExitAsync</c>), which does reap it.
    /// </remarks>
    /// <exception cref="SpawnException">ESRCH: the process has exited (also when it is a zombie not yet
    /// waited for); EREMOTE: it is in a pid namespace this process cannot see; EBADF.</exception>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public Process ToProcess()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        int pid = GetPid();
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            throw new SpawnException("Process.GetProcessById", Errno.ESRCH);
        }

        if (HasExited)
        {
            process.Dispose();
            throw new SpawnException("Process.GetProcessById", Errno.ESRCH);
        }
        return process;
    }
}
