using System.Diagnostics;
using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// Reaps the children whose <see cref="PidFd"/> was disposed before they were waited for, so that
/// none stays a zombie: it watches each adopted pidfd with the <see cref="EpollReactor"/>, reaps the
/// child with <c>waitid(P_PIDFD, WNOHANG)</c> when the pidfd turns readable, then closes the pidfd.
/// Only ever that child is reaped: never <c>waitpid(-1)</c> or <c>P_ALL</c>, which would steal the
/// children of <c>System.Diagnostics.Process</c>.
/// </summary>
internal static partial class ChildReaper
{
    private static int s_pending;

    /// <summary>The adopted children not reaped yet.</summary>
    internal static int PendingCount => Volatile.Read(ref s_pending);

    /// <summary>
    /// Takes ownership of <paramref name="pidfd"/>, the pidfd of an unreaped child of ours, and reaps
    /// the child once it exits; with <paramref name="kill"/>, sends it SIGKILL first
    /// (<see cref="PidFd.KillOnDispose"/>). Called from <see cref="PidFd"/>'s release (possibly on the
    /// finalizer thread), so it never throws.
    /// </summary>
    internal static void Adopt(int pidfd, int pid, bool kill = false)
    {
        if (kill)
            PidFdSyscalls.PidFdSendSignal(pidfd, Signals.SIGKILL);
        if (TryReap(pidfd))
        {
            Libc.Close(pidfd);
            return;
        }
        var child = new AdoptedChild(pidfd, pid);
        Interlocked.Increment(ref s_pending);
        if (!child.Watch())
        {
            // The reactor could not take it (no memory for epoll): give the child a thread of its own.
            var thread = new Thread(static state => ((AdoptedChild)state!).ReapBlocking()) { IsBackground = true, Name = "Spawn reaper" };
            thread.UnsafeStart(child);
        }
    }

    /// <summary>Reaps the child if it has exited; true when it is gone (reaped now, or by someone else).</summary>
    private static bool TryReap(int pidfd)
    {
        Errno error = ChildWait.Wait(pidfd, blocking: false, out bool exited, out _);
        return exited || error.Value != 0;
    }

    [DebuggerDisplay("Adopted child {Pid}")]
    private sealed class AdoptedChild(int pidfd, int pid) : IReadinessWaiter
    {
        private ulong _armedToken;

        private int Pid { get; } = pid;

        internal bool Watch()
        {
            try
            {
                return EpollReactor.Instance.Register(pidfd, Epoll.EPOLLIN, this, ref _armedToken, out _);
            }
            catch (SpawnException)
            {
                return false;
            }
        }

        public void OnReady(ulong token)
        {
            if (Interlocked.CompareExchange(ref _armedToken, 0, token) != token)
                return;
            if (!TryReap(pidfd))
            {
                Volatile.Write(ref _armedToken, token);
                EpollReactor.Instance.Rearm(pidfd, Epoll.EPOLLIN, token);
                return;
            }
            EpollReactor.Instance.Unregister(pidfd, token);
            Release();
        }

        internal void ReapBlocking()
        {
            ChildWait.Wait(pidfd, blocking: true, out _, out _);
            Release();
        }

        private void Release()
        {
            Libc.Close(pidfd);
            Interlocked.Decrement(ref s_pending);
        }
    }
}
