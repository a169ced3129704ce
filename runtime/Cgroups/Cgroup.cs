using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using Spawn.LowLevel;
using static Spawn.Interop.CgroupSyscalls;

namespace Spawn.Cgroups;

/// <summary>
/// A cgroup v2 folder, held open by a descriptor: the scope a child is born into
/// (<c>CLONE_INTO_CGROUP</c> through <see cref="SpawnAttributes.Cgroup"/>, the glibc patch set's
/// <c>posix_spawnattr_setcgroup_np</c>), that kills its whole tree at once and accounts for what it used.
/// </summary>
/// <remarks>
/// The cgroup2 mount is found in <c>/proc/self/mountinfo</c>, so hybrid layouts (cgroup2 at
/// <c>/sys/fs/cgroup/unified</c> next to the v1 hierarchies) work. Failing calls throw
/// <see cref="SpawnException"/> naming the call, the file and the errno.
/// </remarks>
public sealed partial class Cgroup : IDisposable
{
    private readonly SafeFileHandle _handle;

    private Cgroup(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>
    /// The mount point of the cgroup2 hierarchy, from <c>/proc/self/mountinfo</c>.
    /// </summary>
    /// <exception cref="SpawnException">ENOENT: cgroup2 is not mounted.</exception>
    public static string Cgroup2Mount =>
        CgroupMount.MountPoint ?? throw new SpawnException("find the cgroup2 mount in /proc/self/mountinfo", Errno.ENOENT, null);

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>
    /// The folder's descriptor (<c>OpenFlags.O_RDONLY|OpenFlags.O_DIRECTORY|OpenFlags.O_CLOEXEC</c>), what <c>CLONE_INTO_CGROUP</c> takes:
    /// give it to <see cref="SpawnAttributes.Cgroup"/>. Owned by this object; closed by <see cref="Dispose"/>.
    /// </summary>
    public SafeFileHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Opens an existing cgroup2 folder (<c>openat(OpenFlags.O_RDONLY|OpenFlags.O_DIRECTORY|OpenFlags.O_CLOEXEC)</c>, then <c>fstatfs</c>
    /// to check that it is on a cgroup2 file system).
    /// </summary>
    /// <param name="path">An absolute path.</param>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    /// <exception cref="SpawnException">ENOENT, EACCES, ENOTDIR from <c>openat</c>; ENOTDIR as well when the folder is not a cgroup2 folder.</exception>
    public static unsafe Cgroup Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/')
            throw new ArgumentException($"A cgroup path must be absolute: \"{path}\".", nameof(path));

        int fd;
        fixed (byte* utf8 = Encoding.UTF8.GetBytes(path + "\0"))
            fd = CgroupFolder.Open(utf8);

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        Libc.StatFs statfs;
        if (Libc.FStatFs(fd, &statfs) < 0)
        {
            var error = Errno.FromLastPInvokeError();
            handle.Dispose();
            throw new SpawnException("fstatfs cgroup", error, path);
        }
        if (statfs.Type != CGROUP2_SUPER_MAGIC)
        {
            handle.Dispose();
            throw new SpawnException("open cgroup (not on a cgroup2 file system)", Errno.ENOTDIR, path);
        }
        return new Cgroup(handle, path.Length > 1 ? path.TrimEnd('/') : path);
    }

    /// <summary>
    /// Opens the cgroup2 cgroup this process belongs to: the <c>0::</c> line of <c>/proc/self/cgroup</c>
    /// found under the cgroup2 mount, also when the mount holds only a subtree (a container's bind
    /// mount) or this process's cgroup namespace starts below the mount's root.
    /// </summary>
    /// <exception cref="SpawnException">ENOENT: cgroup2 is not mounted, this process has no cgroup2 cgroup,
    /// or the mount does not hold it; errors of <see cref="Open"/>.</exception>
    public static Cgroup OpenCurrent() => Open(FindCurrentFolder(out _));

    /// <summary>The folder of this process's cgroup, and its path as <c>/proc/self/cgroup</c> gives it (<c>/</c> at a cgroup namespace root).</summary>
    private static string FindCurrentFolder(out string relative)
    {
        string mount = Cgroup2Mount;
        relative = CgroupMount.FindUnifiedCgroupPath(File.ReadAllText("/proc/self/cgroup"))
            ?? throw new SpawnException("find this process's cgroup2 cgroup in /proc/self/cgroup", Errno.ENOENT, null);
        return CgroupMount.FindFolder(CgroupMount.Current!.Value, relative, Environment.ProcessId)
            ?? throw new SpawnException($"find this process's cgroup {relative} under the cgroup2 mount (its root is {CgroupMount.Current!.Value.Root})",
                                        Errno.ENOENT, mount);
    }

    /// <summary>
    /// Creates a child cgroup (<c>mkdirat(folder, name, 0755)</c>) and opens it.
    /// </summary>
    /// <param name="name">A single folder name: not empty, no <c>/</c>, not <c>.</c> or <c>..</c>.</param>
    /// <exception cref="ArgumentException">The name is not a single folder name.</exception>
    /// <exception cref="SpawnException">EEXIST: it exists; EACCES/EPERM: no right to write here; EAGAIN: <c>cgroup.max.descendants</c> reached.</exception>
    public unsafe Cgroup CreateChild(string name)
    {
        CheckFolderName(name, nameof(name));
        string childPath = Path == "/" ? "/" + name : Path + "/" + name;
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            fixed (byte* utf8 = Encoding.UTF8.GetBytes(name + "\0"))
            {
                if (MkdirAt((int)_handle.DangerousGetHandle(), utf8, 0x1ed) < 0)
                    throw SpawnException.FromLastPInvokeError("mkdir cgroup", childPath);
            }
        }
        finally
        {
            if (added)
                _handle.DangerousRelease();
        }
        return Open(childPath);
    }

    private static void CheckFolderName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        if (name.Contains('/') || name.Contains('\0') || name is "." or "..")
            throw new ArgumentException($"A cgroup name must be one folder name: \"{name}\".", parameter);
    }

    /// <summary>
    /// Removes the folder (<c>rmdir</c>). The descriptor stays open until <see cref="Dispose"/>.
    /// </summary>
    /// <exception cref="SpawnException">EBUSY: processes or child cgroups are still in it (kill it and
    /// <see cref="WaitUntilEmpty(TimeSpan)"/> first); ENOENT: already removed.</exception>
    public unsafe void Delete()
    {
        fixed (byte* utf8 = Encoding.UTF8.GetBytes(Path + "\0"))
        {
            if (UnlinkAt(Libc.AT_FDCWD, utf8, AT_REMOVEDIR) < 0)
                throw SpawnException.FromLastPInvokeError("rmdir cgroup", Path);
        }
    }

    /// <summary>
    /// Whether a process lives in this cgroup or below it: <c>populated</c> of <c>cgroup.events</c>.
    /// </summary>
    /// <exception cref="SpawnException">The read of <c>cgroup.events</c> failed.</exception>
    public bool IsPopulated
    {
        get
        {
            Span<byte> events = stackalloc byte[128];
            int length = CgroupFile.Read(Handle, "cgroup.events\0"u8, events, out var error);
            if (length < 0)
                throw new SpawnException("read cgroup.events", error, Path);
            return CgroupFile.FindKeyedValue(events[..length], "populated"u8) == 1;
        }
    }

    /// <summary>
    /// Moves a process into this cgroup by writing its pid to <c>cgroup.procs</c>. Prefer creating
    /// children inside it (<see cref="SpawnAttributes.Cgroup"/>): a moved process ran outside it until now.
    /// </summary>
    /// <exception cref="SpawnException">ESRCH: no such process; EBUSY/EOPNOTSUPP: the cgroup cannot take processes.</exception>
    public void AddProcess(int pid)
    {
        Span<byte> text = stackalloc byte[16];
        pid.TryFormat(text, out int length, provider: System.Globalization.CultureInfo.InvariantCulture);
        WriteInterfaceFile("cgroup.procs\0"u8, text[..length], "cgroup.procs");
    }

    /// <summary>Closes the folder's descriptor; the cgroup itself stays (see <see cref="Delete"/>).</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Path;

    private void WriteInterfaceFile(ReadOnlySpan<byte> name, ReadOnlySpan<byte> content, string fileName)
    {
        if (!CgroupFile.Write(Handle, name, content, out var error))
            throw new SpawnException("write " + fileName, error, Path + "/" + fileName);
    }
}
