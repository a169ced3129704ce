using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Spawn.Cgroups;
using Spawn.Interop;
using Spawn.Streams;

namespace Spawn.Specs.Support;

/// <summary>
/// The descriptors a generated <see cref="SpawnSpecAttribute"/> method opens around a spawn: stdio
/// pipes and a constant cgroup folder; not meant to be called by hand. Every descriptor is opened
/// <c>O_CLOEXEC</c>, so none leaks into another child.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpecDescriptors
{
    /// <summary><c>pipe2(O_CLOEXEC)</c>.</summary>
    /// <param name="readFd">The read end.</param>
    /// <param name="writeFd">The write end.</param>
    /// <exception cref="SpawnException">EMFILE, ENFILE.</exception>
    public static void CreatePipe(out int readFd, out int writeFd)
    {
        int* ends = stackalloc int[2];
        if (DescriptorSyscalls.Pipe2(ends, OpenFlags.O_CLOEXEC) != 0)
        {
            throw SpawnException.FromLastPInvokeError("pipe2");
        }

        readFd = ends[0];
        writeFd = ends[1];
    }

    /// <summary>Opens a cgroup2 folder for <c>CLONE_INTO_CGROUP</c>: <c>open(path, O_RDONLY|O_DIRECTORY|O_CLOEXEC)</c>.</summary>
    /// <param name="path">A NUL-terminated UTF-8 absolute path.</param>
    /// <returns>The descriptor; the caller closes it with <see cref="LowLevel.SpawnCore.Close"/>.</returns>
    /// <exception cref="SpawnException">ENOENT, ENOTDIR, EACCES.</exception>
    public static int OpenCgroup(byte* path) => CgroupFolder.Open(path);

    /// <summary>Hands the parent's end of a pipe out as a <see cref="ChildPipeStream"/> that owns it.</summary>
    /// <param name="fd">The parent's end of a pipe from <see cref="CreatePipe"/>.</param>
    /// <param name="write">Whether the parent writes (the child's stdin) or reads.</param>
    /// <exception cref="SpawnException">fcntl failed to make the end non-blocking.</exception>
    public static Stream ToStream(int fd, bool write) => new ChildPipeStream(ToHandle(fd), reads: !write);

    /// <summary>Hands the parent's end of a pipe out as a <see cref="SafeFileHandle"/> that owns it.</summary>
    /// <param name="fd">The parent's end.</param>
    public static SafeFileHandle ToHandle(int fd) => new(fd, ownsHandle: true);
}
