using System.Runtime.InteropServices;
using Spawn.Interop;

namespace Spawn.Cgroups;

/// <summary>
/// Opens a cgroup2 folder the way <c>CLONE_INTO_CGROUP</c> wants it: one place for
/// <see cref="Cgroup.Open"/>, <see cref="SpawnAttributes.SetCgroupPath"/> and the constant cgroup of
/// a generated spec.
/// </summary>
internal static unsafe class CgroupFolder
{
    /// <summary><c>openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)</c>.</summary>
    /// <param name="path">A NUL-terminated UTF-8 path.</param>
    /// <returns>The descriptor; the caller owns it.</returns>
    /// <exception cref="SpawnException">ENOENT, ENOTDIR, EACCES, naming the path.</exception>
    internal static int Open(byte* path)
    {
        int fd = Libc.OpenAt(Libc.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw SpawnException.FromLastPInvokeError("open cgroup", Marshal.PtrToStringUTF8((nint)path));
    }
}
