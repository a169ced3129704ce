using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn;

/// <summary>
/// The glibc patch set's <c>posix_spawnattr_t</c>: what the child sets up before its file actions. Setting a
/// property sets its <see cref="SpawnFlags"/> bit (as calling <c>posix_spawnattr_set*</c> and then
/// <c>posix_spawnattr_setflags</c> would); <see cref="Flags"/> stays settable for ported code.
/// Dispose it when <see cref="SetCgroupPath"/> was used: it owns that descriptor.
/// </summary>
public sealed class SpawnAttributes : IDisposable
{
    private int _processGroup;
    private SignalSet _signalMask;
    private SignalSet _defaultSignals;
    private int _schedulerPolicy;
    private int _schedulerPriority;
    private SafeHandle? _cgroup;
    private SafeFileHandle? _ownedCgroup;
    private bool _disposed;

    /// <summary><c>posix_spawnattr_setflags</c>: which attributes apply.</summary>
    public SpawnFlags Flags { get; set; }

    /// <summary><c>posix_spawnattr_setpgroup</c> (sets <see cref="SpawnFlags.SetProcessGroup"/>): the child's process group, 0 for a new group led by the child.</summary>
    public int ProcessGroup
    {
        get => _processGroup;
        set
        {
            _processGroup = value;
            Flags |= SpawnFlags.SetProcessGroup;
        }
    }

    /// <summary><c>posix_spawnattr_setsigmask</c> (sets <see cref="SpawnFlags.SetSignalMask"/>): the child's signal mask at exec.
    /// Without it the child gets the calling thread's mask.</summary>
    public SignalSet SignalMask
    {
        get => _signalMask;
        set
        {
            _signalMask = value;
            Flags |= SpawnFlags.SetSignalMask;
        }
    }

    /// <summary><c>posix_spawnattr_setsigdefault</c> (sets <see cref="SpawnFlags.SetSignalDefault"/>): signals reset to <c>SIG_DFL</c>
    /// in the child. Handled signals are reset anyway; this matters for ignored ones. The .NET runtime ignores
    /// <c>SIGPIPE</c> for itself, and an ignored signal stays ignored across exec (as with <c>Process.Start</c>):
    /// list <see cref="Signals.SIGPIPE"/> here for a child that writes to pipes, such as a shell pipeline
    /// (<c>yes | head</c> would otherwise make <c>yes</c> print "Broken pipe" instead of ending quietly).</summary>
    public SignalSet DefaultSignals
    {
        get => _defaultSignals;
        set
        {
            _defaultSignals = value;
            Flags |= SpawnFlags.SetSignalDefault;
        }
    }

    /// <summary><c>posix_spawnattr_setschedpolicy</c> (sets <see cref="SpawnFlags.SetScheduler"/>): <c>sched_setscheduler</c> with
    /// this policy and <see cref="SchedulerPriority"/> (SCHED_OTHER 0, SCHED_FIFO 1, SCHED_RR 2, SCHED_BATCH 3, SCHED_IDLE 5).</summary>
    public int SchedulerPolicy
    {
        get => _schedulerPolicy;
        set
        {
            _schedulerPolicy = value;
            Flags |= SpawnFlags.SetScheduler;
        }
    }

    /// <summary><c>posix_spawnattr_setschedparam</c> (sets <see cref="SpawnFlags.SetSchedulerParameter"/>): the static priority
    /// (<c>sched_setparam</c>, or with <see cref="SchedulerPolicy"/>). EINVAL or EPERM from the child when not allowed.</summary>
    public int SchedulerPriority
    {
        get => _schedulerPriority;
        set
        {
            _schedulerPriority = value;
            Flags |= SpawnFlags.SetSchedulerParameter;
        }
    }

    /// <summary><see cref="SpawnFlags.ResetIds"/>: the child's effective uid and gid become the real ones.</summary>
    public bool ResetIds
    {
        get => (Flags & SpawnFlags.ResetIds) != 0;
        set => Flags = value ? Flags | SpawnFlags.ResetIds : Flags & ~SpawnFlags.ResetIds;
    }

    /// <summary><see cref="SpawnFlags.SetSid"/> (<c>POSIX_SPAWN_SETSID</c>): the child calls <c>setsid()</c>.</summary>
    public bool NewSession
    {
        get => (Flags & SpawnFlags.SetSid) != 0;
        set => Flags = value ? Flags | SpawnFlags.SetSid : Flags & ~SpawnFlags.SetSid;
    }

    /// <summary>
    /// The glibc patch set's <c>posix_spawnattr_setcgroup_np</c> (sets <see cref="SpawnFlags.SetCgroup"/>; null
    /// clears it): a descriptor of a cgroup2 folder (opened <c>O_RDONLY | O_DIRECTORY</c>, for example
    /// <c>Cgroup.Handle</c>) the child is born into with <c>CLONE_INTO_CGROUP</c>. The caller keeps
    /// owning the handle; it must stay open until the spawn returns. A spawn then fails with EBADF
    /// (not open), ENOTSUP (no clone3), E2BIG (kernel before 5.7) or EOPNOTSUPP (threaded cgroup).
    /// </summary>
    public SafeHandle? Cgroup
    {
        get => _cgroup;
        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!ReferenceEquals(value, _ownedCgroup))
            {
                _ownedCgroup?.Dispose();
                _ownedCgroup = null;
            }
            _cgroup = value;
            Flags = value is null ? Flags & ~SpawnFlags.SetCgroup : Flags | SpawnFlags.SetCgroup;
        }
    }

    /// <summary>
    /// Opens the cgroup2 folder <paramref name="path"/> (<c>open(path, O_RDONLY | O_DIRECTORY |
    /// O_CLOEXEC)</c>) and sets it as <see cref="Cgroup"/>; the attributes own that descriptor and
    /// close it when disposed or when <see cref="Cgroup"/> is replaced.
    /// </summary>
    /// <param name="path">An absolute path under the cgroup2 mount.</param>
    /// <exception cref="SpawnException">open's errors: ENOENT, ENOTDIR, EACCES, ...</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character.</exception>
    public unsafe void SetCgroupPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        int fd;
        fixed (byte* bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0"))
            fd = CgroupFolder.Open(bytes);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        Cgroup = handle;
        _ownedCgroup = handle;
    }

    /// <summary>Closes the cgroup descriptor opened by <see cref="SetCgroupPath"/>, if any.</summary>
    public void Dispose()
    {
        _disposed = true;
        _ownedCgroup?.Dispose();
        _ownedCgroup = null;
    }

    /// <summary>The C core's view; the cgroup descriptor is filled in by the caller while it holds a reference.</summary>
    internal NativeSpawnAttributes ToNative() => new()
    {
        Flags = Flags,
        ProcessGroup = _processGroup,
        SignalDefault = _defaultSignals.Bits,
        SignalMask = _signalMask.Bits,
        SchedulerPolicy = _schedulerPolicy,
        SchedulerPriority = _schedulerPriority,
        CgroupFd = -1,
    };

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
