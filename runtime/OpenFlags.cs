using System.Runtime.InteropServices;

namespace Spawn;

/// <summary>
/// <c>open(2)</c> flags for <see cref="SpawnFileActions.AddOpen"/>. Most have one value on every
/// Linux architecture and are constants; <see cref="O_DIRECTORY"/> and <see cref="O_NOFOLLOW"/>
/// differ between x86-64 and aarch64 and are read-only fields set for the running one.
/// </summary>
public static class OpenFlags
{
    /// <summary>Open for reading only.</summary>
    public const int O_RDONLY = 0x0;
    /// <summary>Open for writing only.</summary>
    public const int O_WRONLY = 0x1;
    /// <summary>Open for reading and writing.</summary>
    public const int O_RDWR = 0x2;
    /// <summary>Create the file if it does not exist (the mode argument applies).</summary>
    public const int O_CREAT = 0x40;
    /// <summary>With <see cref="O_CREAT"/>: fail with EEXIST if the file exists.</summary>
    public const int O_EXCL = 0x80;
    /// <summary>A terminal opened does not become the controlling terminal.</summary>
    public const int O_NOCTTY = 0x100;
    /// <summary>Truncate a regular file opened for writing to length 0.</summary>
    public const int O_TRUNC = 0x200;
    /// <summary>Every write appends.</summary>
    public const int O_APPEND = 0x400;
    /// <summary>Non-blocking I/O.</summary>
    public const int O_NONBLOCK = 0x800;
    /// <summary>Synchronous writes (data and metadata).</summary>
    public const int O_SYNC = 0x101000;
    /// <summary>Close the descriptor on exec: the child's program does not inherit it.</summary>
    public const int O_CLOEXEC = 0x80000;

    private static readonly bool s_isArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    /// <summary>Fail with ENOTDIR unless the path is a directory (x86-64 0x10000, aarch64 0x4000).</summary>
    public static readonly int O_DIRECTORY = s_isArm ? 0x4000 : 0x10000;

    /// <summary>Fail with ELOOP if the last component is a symbolic link (x86-64 0x20000, aarch64 0x8000).</summary>
    public static readonly int O_NOFOLLOW = s_isArm ? 0x8000 : 0x20000;
}
