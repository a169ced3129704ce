using System.Buffers;
using System.ComponentModel;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
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
    private const int FirstBufferSize = 4096;
    private const short POLLIN = 0x1;

    /// <summary>
    /// Reads both pipes with <c>poll</c> + <c>read</c> (so that neither fills while the other is read)
    /// until the child closed both, then waits for it (<c>waitid</c>).
    /// </summary>
    /// <param name="child">The child, disposed on return (an unreaped one is reaped in the background).</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed on return.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed on return.</param>
    /// <returns>How the child ended and what it wrote, decoded as UTF-8.</returns>
    /// <exception cref="SpawnException">poll or read failed (EBADF, ENOMEM, EIO); waitid failed (ECHILD).</exception>
    public static unsafe CapturedOutput Capture(PidFd child, int outputFd, int errorFd)
    {
        using (child)
        using (new SafeFileHandle(outputFd, ownsHandle: true))
        using (new SafeFileHandle(errorFd, ownsHandle: true))
        {
            PipeText output = new(outputFd);
            PipeText error = new(errorFd);
            try
            {
                Libc.PollFd* polls = stackalloc Libc.PollFd[2];
                polls[0] = new Libc.PollFd { Fd = outputFd, Events = POLLIN };
                polls[1] = new Libc.PollFd { Fd = errorFd, Events = POLLIN };
                while (polls[0].Fd >= 0 || polls[1].Fd >= 0)
                {
                    // poll ignores a negative descriptor: a pipe at its end drops out that way.
                    if (Libc.Poll(polls, 2, -1) < 0)
                    {
                        Errno pollError = Errno.FromLastPInvokeError();
                        if (pollError != Errno.EINTR)
                        {
                            throw new SpawnException("poll", pollError);
                        }

                        continue;
                    }

                    ReadIfReady(ref polls[0], ref output);
                    ReadIfReady(ref polls[1], ref error);
                }

                ExitStatus status = child.WaitForExit();
                return new CapturedOutput(status, output.ToText(), error.ToText());
            }
            finally
            {
                output.Release();
                error.Release();
            }
        }
    }

    /// <summary>
    /// Reads both pipes through the process's epoll reactor while awaiting the child's exit, as
    /// <see cref="OutputCapture.RunAsync"/> does.
    /// </summary>
    /// <param name="child">The child, disposed once done (an unreaped one is reaped in the background).</param>
    /// <param name="outputFd">The read end of the child's stdout pipe; closed once done.</param>
    /// <param name="errorFd">The read end of the child's stderr pipe; closed once done.</param>
    /// <param name="cancellationToken">Kills the child (SIGKILL), reaps it, and throws.</param>
    /// <returns>How the child ended and what it wrote, decoded as UTF-8.</returns>
    /// <exception cref="SpawnException">fcntl, read or the wait failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled: the child was killed.</exception>
    public static async ValueTask<CapturedOutput> CaptureAsync(PidFd child, int outputFd, int errorFd, CancellationToken cancellationToken)
    {
        using (child)
        using (SafeFileHandle outputHandle = new(outputFd, ownsHandle: true))
        using (SafeFileHandle errorHandle = new(errorFd, ownsHandle: true))
        using (ChildPipeStream output = new(outputHandle, reads: true))
        using (ChildPipeStream error = new(errorHandle, reads: true))
        {
            return await OutputCapture.CollectAsync(child, output, error, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ReadIfReady(ref Libc.PollFd poll, ref PipeText text)
    {
        if (poll.Fd >= 0 && poll.REvents != 0 && !text.ReadOnce())
        {
            poll.Fd = -1;
        }
    }

    // The bytes read from one pipe so far, in a pooled buffer that doubles when full.
    private unsafe struct PipeText(int fd)
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        private int _length;

        // One read; false at the end of the pipe.
        public bool ReadOnce()
        {
            if (_length == _buffer.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            fixed (byte* free = &_buffer[_length])
            {
                nint count = Libc.Read(fd, free, (nuint)(_buffer.Length - _length));
                if (count < 0)
                {
                    Errno error = Errno.FromLastPInvokeError();
                    return error == Errno.EINTR || error == Errno.EAGAIN ? true : throw new SpawnException("read", error);
                }

                _length += (int)count;
                return count > 0;
            }
        }

        public readonly string ToText() => Encoding.UTF8.GetString(_buffer, 0, _length);

        public readonly void Release() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
