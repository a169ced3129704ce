using System.ComponentModel;
using Microsoft.Win32.SafeHandles;
using Spawn.Streams;

namespace Spawn.Specs.Support;

/// <summary>
/// What a generated <see cref="SpawnSpecAttribute"/> method that returns <see cref="CapturedOutput"/>
/// does after the spawn: read the child's stdout and stderr pipes to their end, wait for the child,
/// and release everything; not meant to be called by hand. Both methods take ownership of the
/// child and of both descriptors, whatever happens.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpecCapture
{
    /// <summary>
    /// Reads both pipes with <c>poll</c> + <c>read</c> (so that neither fills while the other is read)
    /// until the child closed both, then waits for it (<c>waitid</c>).
    /// </summary>
    /// <param name="child">The child, disposed on return (an unreaped one is reaped in the background).</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed on return.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed on return.</param>
    /// <returns>How the child ended and what it wrote, decoded as UTF-8.</returns>
    /// <exception cref="SpawnException">poll or read failed (EBADF, ENOMEM, EIO), and the child was then
    /// killed (SIGKILL); waitid failed (ECHILD).</exception>
    public static CapturedOutput Capture(PidFd child, int outputFd, int errorFd)
    {
        using (child)
        using (SafeFileHandle output = new(outputFd, ownsHandle: true))
        using (SafeFileHandle error = new(errorFd, ownsHandle: true))
        {
            return OutputCapture.Collect(child, output, error);
        }
    }

    /// <summary>
    /// Reads both pipes and awaits the child's exit through the process's epoll reactor, as
    /// <see cref="OutputCapture.RunAsync"/> does.
    /// </summary>
    /// <param name="child">The child, disposed once done (an unreaped one is reaped in the background).</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed once done.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed once done.</param>
    /// <param name="cancellationToken">Kills the child (SIGKILL), reaps it, and throws.</param>
    /// <returns>How the child ended and what it wrote, decoded as UTF-8.</returns>
    /// <exception cref="SpawnException">fcntl, read or epoll_ctl failed (the child was then killed and
    /// reaped), or the wait did (ECHILD).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled: the child was killed.</exception>
    public static ValueTask<CapturedOutput> CaptureAsync(PidFd child, int outputFd, int errorFd, CancellationToken cancellationToken) =>
        new(CaptureWait.Start(child, new SafeFileHandle(outputFd, ownsHandle: true), new SafeFileHandle(errorFd, ownsHandle: true), cancellationToken));
}
