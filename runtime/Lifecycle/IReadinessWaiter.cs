namespace Spawn.Lifecycle;

/// <summary>
/// Something waiting for a descriptor registered with the <see cref="EpollReactor"/> to become ready.
/// </summary>
internal interface IReadinessWaiter
{
    /// <summary>
    /// Called on the reactor thread when the descriptor registered under <paramref name="token"/> is
    /// ready. It must be quick, never block and never throw. The registration is one-shot: it stays
    /// disarmed until <see cref="EpollReactor.Rearm"/> or is removed with <see cref="EpollReactor.Unregister"/>.
    /// A waiter compares the token with the one it holds, since a stale event can arrive after it moved on.
    /// </summary>
    void OnReady(ulong token);
}
