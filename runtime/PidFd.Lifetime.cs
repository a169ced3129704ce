namespace Spawn;

public sealed partial class PidFd
{
    private volatile bool _killOnDispose;

    /// <summary>
    /// Whether disposing this handle while its child still runs kills the child
    /// (<c>pidfd_send_signal(SIGKILL)</c>) before the runtime's reaper reaps it. By default the child
    /// keeps running, and the reaper reaps it whenever it exits, so it never stays a zombie. Has no
    /// effect on a handle that does not own its process (<see cref="Open(System.Diagnostics.Process)"/>).
    /// </summary>
    public bool KillOnDispose
    {
        get => _killOnDispose;
        set => _killOnDispose = value;
    }
}
