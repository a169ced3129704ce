using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Interop;
using static Spawn.Interop.CgroupSyscalls;

namespace Spawn.Cgroups;

/// <summary>
/// Reads and writes the interface files of a cgroup (<c>cgroup.events</c>, <c>cpu.stat</c>,
/// <c>memory.max</c> ...) relative to the folder's descriptor, into caller buffers: a read or a
/// write allocates nothing. Names are NUL-terminated UTF-8 literals (<c>"cpu.stat\0"u8</c>).
/// </summary>
internal static unsafe class CgroupFile
{
    /// <summary>Opens an interface file (<c>openat(folder, name, flags | OpenFlags.O_CLOEXEC)</c>); -1 and the errno on failure.</summary>
    internal static int Open(SafeFileHandle folder, ReadOnlySpan<byte> name, int flags, out Errno error)
    {
        bool added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            fixed (byte* path = name)
            {
                int fd = Libc.OpenAt((int)folder.DangerousGetHandle(), path, flags | OpenFlags.O_CLOEXEC, 0);
                error = fd < 0 ? Errno.FromLastPInvokeError() : default;
                return fd;
            }
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
    }

    /// <summary>Whether this process may write <paramref name="name"/> (<c>"."</c>: the folder itself): <c>faccessat(W_OK, AT_EACCESS)</c>, with the effective ids as a write would use; false and the errno when not.</summary>
    internal static bool CanWrite(SafeFileHandle folder, ReadOnlySpan<byte> name, out Errno error)
    {
        bool added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            fixed (byte* path = name)
            {
                bool writable = FAccessAt((int)folder.DangerousGetHandle(), path, W_OK, AT_EACCESS) == 0;
                error = writable ? default : Errno.FromLastPInvokeError();
                return writable;
            }
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
    }

    /// <summary>Reads the extended attribute <paramref name="name"/> of the folder itself (<c>fgetxattr</c>) into <paramref name="value"/>; returns the length, or -1 and the errno.</summary>
    internal static int ReadAttribute(SafeFileHandle folder, ReadOnlySpan<byte> name, Span<byte> value, out Errno error)
    {
        bool added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            fixed (byte* attribute = name)
            fixed (byte* bytes = value)
            {
                nint length = FGetXattr((int)folder.DangerousGetHandle(), attribute, bytes, (nuint)value.Length);
                error = length < 0 ? Errno.FromLastPInvokeError() : default;
                return (int)length;
            }
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
    }

    /// <summary>Reads a whole interface file into <paramref name="buffer"/>; returns the length, or -1 and the errno.</summary>
    internal static int Read(SafeFileHandle folder, ReadOnlySpan<byte> name, Span<byte> buffer, out Errno error)
    {
        int fd = Open(folder, name, OpenFlags.O_RDONLY, out error);
        if (fd < 0)
            return -1;
        try
        {
            return ReadAt(fd, buffer, out error);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>Reads an open interface file from offset 0 (kernfs files are read whole, and a read re-arms POLLPRI).</summary>
    internal static int ReadAt(int fd, Span<byte> buffer, out Errno error)
    {
        fixed (byte* bytes = buffer)
        {
            nint total = 0;
            while (total < buffer.Length)
            {
                nint n = DescriptorSyscalls.PRead(fd, bytes + total, (nuint)(buffer.Length - total), total);
                if (n < 0)
                {
                    error = Errno.FromLastPInvokeError();
                    if (error == Errno.EINTR)
                        continue;
                    return -1;
                }
                if (n == 0)
                    break;
                total += n;
            }
            error = default;
            return (int)total;
        }
    }

    /// <summary>Writes <paramref name="content"/> to an interface file in one <c>write</c> (cgroup files take one value per write).</summary>
    internal static bool Write(SafeFileHandle folder, ReadOnlySpan<byte> name, ReadOnlySpan<byte> content, out Errno error)
    {
        int fd = Open(folder, name, OpenFlags.O_WRONLY, out error);
        if (fd < 0)
            return false;
        try
        {
            fixed (byte* bytes = content)
            {
                while (DescriptorSyscalls.Write(fd, bytes, (nuint)content.Length) < 0)
                {
                    error = Errno.FromLastPInvokeError();
                    if (error != Errno.EINTR)
                        return false;
                }
            }
            error = default;
            return true;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>The number after <paramref name="key"/> and a space in a flat-keyed file (<c>populated 1</c>, <c>usage_usec 1234</c>); -1 when absent.</summary>
    internal static long FindKeyedValue(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key)
    {
        foreach (var range in content.Split((byte)'\n'))
        {
            var line = content[range];
            if (line.Length > key.Length && line.StartsWith(key) && line[key.Length] == (byte)' '
                && Utf8Parser.TryParse(line[(key.Length + 1)..], out long value, out _))
                return value;
        }
        return -1;
    }
}
