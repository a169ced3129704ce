using Microsoft.Win32.SafeHandles;

namespace Spawn.ForkSample;

/// <summary>A descriptor of a process's namespace (<c>/proc/PID/ns/net</c>), for <c>setns</c>.</summary>
internal sealed class SafeNamespace : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SafeNamespace(SafeFileHandle handle) => _handle = handle;

    /// <summary>The descriptor number the child passes to <c>setns</c>.</summary>
    public int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>
    /// Opens the network namespace of a process that is about to leave ours (<c>unshare --net</c>):
    /// waits until it did, so the descriptor cannot refer to our own namespace.
    /// </summary>
    /// <exception cref="TimeoutException">The process still shares our namespace after five seconds.</exception>
    public static SafeNamespace OpenNewNetwork(int pid)
    {
        string ours = File.ResolveLinkTarget("/proc/self/ns/net", returnFinalTarget: false)!.FullName;
        string theirs = $"/proc/{pid}/ns/net";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (File.ResolveLinkTarget(theirs, returnFinalTarget: false)!.FullName == ours)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"process {pid} did not enter a network namespace of its own");
            Thread.Sleep(5);
        }

        return new SafeNamespace(File.OpenHandle(theirs, FileMode.Open, FileAccess.Read));
    }

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
