namespace Spawn.Sandboxing;

/// <summary>
/// Landlock's file system rights (<c>LANDLOCK_ACCESS_FS_*</c> of <c>linux/landlock.h</c>): what a
/// path-beneath rule allows under a folder, or on a file. The comment of each gives the ABI that
/// introduced it (<see cref="Landlock.FileSystemAccess(int)"/>).
/// </summary>
[Flags]
public enum LandlockFileSystemAccess : ulong
{
    /// <summary>No right.</summary>
    None = 0,
    /// <summary>Execute a file (ABI 1).</summary>
    Execute = 1UL << 0,
    /// <summary>Open a file for writing (ABI 1).</summary>
    WriteFile = 1UL << 1,
    /// <summary>Open a file for reading (ABI 1).</summary>
    ReadFile = 1UL << 2,
    /// <summary>List a folder (ABI 1).</summary>
    ReadDirectory = 1UL << 3,
    /// <summary>Remove an empty folder or rename one (ABI 1).</summary>
    RemoveDirectory = 1UL << 4,
    /// <summary>Unlink or rename a file (ABI 1).</summary>
    RemoveFile = 1UL << 5,
    /// <summary>Create a character device (ABI 1).</summary>
    MakeCharacterDevice = 1UL << 6,
    /// <summary>Create a folder (ABI 1).</summary>
    MakeDirectory = 1UL << 7,
    /// <summary>Create a regular file (ABI 1).</summary>
    MakeRegular = 1UL << 8,
    /// <summary>Create a Unix socket (ABI 1).</summary>
    MakeSocket = 1UL << 9,
    /// <summary>Create a FIFO (ABI 1).</summary>
    MakeFifo = 1UL << 10,
    /// <summary>Create a block device (ABI 1).</summary>
    MakeBlockDevice = 1UL << 11,
    /// <summary>Create a symbolic link (ABI 1).</summary>
    MakeSymlink = 1UL << 12,
    /// <summary>Link or rename a file into another folder (ABI 2).</summary>
    Refer = 1UL << 13,
    /// <summary>Truncate a file (ABI 3).</summary>
    Truncate = 1UL << 14,
    /// <summary>ioctl on a device file (ABI 5).</summary>
    IoctlDevice = 1UL << 15,

    /// <summary>Read files and list folders.</summary>
    Read = ReadFile | ReadDirectory,
    /// <summary>Read and execute.</summary>
    ReadExecute = Read | Execute,
    /// <summary>Everything but executing: read, write, create, remove, rename, truncate.</summary>
    ReadWrite = Read | WriteFile | RemoveDirectory | RemoveFile | MakeCharacterDevice | MakeDirectory | MakeRegular
              | MakeSocket | MakeFifo | MakeBlockDevice | MakeSymlink | Refer | Truncate,
    /// <summary>Every right.</summary>
    All = ReadWrite | Execute | IoctlDevice,
}
