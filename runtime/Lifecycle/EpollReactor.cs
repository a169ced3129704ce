using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spawn.Interop;

namespace Spawn.Lifecycle;

/// <summary>
/// The one thread of the process that waits for pidfds (readable when their process exits) and
/// cgroup event files (POLLPRI when they change) through one <c>epoll</c> descriptor, so that no
/// thread blocks per child. Registrations are one-shot and identified by a token: a slot index in the
/// low 32 bits and the slot's generation in the high ones, so that an event delivered for a slot
/// that was freed and reused meanwhile is recognised as stale.
/// </summary>
internal sealed unsafe class EpollReactor
{
    private const int MaxEventsPerWait = 256;

    private static readonly Lazy<EpollReactor> s_instance = new(() => new EpollReactor());

    private readonly int _epollFd;
    private readonly Lock _lock = new();
    private IReadinessWaiter?[] _waiters = new IReadinessWaiter?[64];
    private uint[] _generations = new uint[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotCount;

    private EpollReactor()
    {
        _epollFd = Epoll.Create(Epoll.EPOLL_CLOEXEC);
        if (_epollFd < 0)
            throw SpawnException.FromLastPInvokeError("epoll_create1", null);
        var thread = new Thread(Run) { IsBackground = true, Name = "Spawn epoll reactor" };
        thread.UnsafeStart();
    }

    /// <summary>The process's reactor, created (with its thread) on first use.</summary>
    internal static EpollReactor Instance => s_instance.Value;

    /// <summary>
    /// Watches <paramref name="fd"/> for <paramref name="events"/> (<c>EPOLL_CTL_ADD</c> with
    /// <c>EPOLLONESHOT</c>); the caller keeps the descriptor open until it unregisters. The token is
    /// stored in <paramref name="armedToken"/> before the descriptor is added, so that an event that
    /// comes at once finds it there. Returns false (and 0 in <paramref name="armedToken"/>) with the
    /// errno of <c>epoll_ctl</c>.
    /// </summary>
    internal bool Register(int fd, uint events, IReadinessWaiter waiter, ref ulong armedToken, out Errno error)
    {
        ulong token;
        lock (_lock)
        {
            int slot = _freeCount > 0 ? _freeSlots[--_freeCount] : TakeNewSlot();
            _waiters[slot] = waiter;
            // Generation 0 is skipped when it wraps: token 0 means "not armed" to the waiters.
            if (++_generations[slot] == 0)
                _generations[slot] = 1;
            token = ((ulong)_generations[slot] << 32) | (uint)slot;
        }
        Volatile.Write(ref armedToken, token);
        if (Epoll.Control(_epollFd, Epoll.EPOLL_CTL_ADD, fd, events | Epoll.EPOLLONESHOT, token) < 0)
        {
            error = Errno.FromLastPInvokeError();
            Volatile.Write(ref armedToken, 0);
            FreeSlot(token);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>Arms a one-shot registration again after an event (<c>EPOLL_CTL_MOD</c>).</summary>
    internal void Rearm(int fd, uint events, ulong token) =>
        Epoll.Control(_epollFd, Epoll.EPOLL_CTL_MOD, fd, events | Epoll.EPOLLONESHOT, token);

    /// <summary>Stops watching <paramref name="fd"/> (<c>EPOLL_CTL_DEL</c>) and frees the token's slot.</summary>
    internal void Unregister(int fd, ulong token)
    {
        Epoll.Control(_epollFd, Epoll.EPOLL_CTL_DEL, fd, 0, 0);
        FreeSlot(token);
    }

    private void FreeSlot(ulong token)
    {
        int slot = (int)(uint)token;
        lock (_lock)
        {
            if (_generations[slot] != (uint)(token >> 32) || _waiters[slot] is null)
                return;
            _waiters[slot] = null;
            _freeSlots[_freeCount++] = slot;
        }
    }

    private int TakeNewSlot()
    {
        if (_slotCount == _waiters.Length)
        {
            Array.Resize(ref _waiters, _slotCount * 2);
            Array.Resize(ref _generations, _slotCount * 2);
            Array.Resize(ref _freeSlots, _slotCount * 2);
        }
        return _slotCount++;
    }

    private IReadinessWaiter? Find(ulong token)
    {
        int slot = (int)(uint)token;
        lock (_lock)
        {
            return slot < _slotCount && _generations[slot] == (uint)(token >> 32) ? _waiters[slot] : null;
        }
    }

    private void Run()
    {
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEventsPerWait * Epoll.EventSize));
        while (true)
        {
            int count = Epoll.Wait(_epollFd, events, MaxEventsPerWait, -1);
            if (count < 0)
            {
                // EINTR is the only error epoll_wait can give a valid descriptor and buffer.
                continue;
            }
            for (int i = 0; i < count; i++)
            {
                ulong token = Unsafe.ReadUnaligned<ulong>(events + (i * Epoll.EventSize) + Epoll.DataOffset);
                Find(token)?.OnReady(token);
            }
        }
    }
}
