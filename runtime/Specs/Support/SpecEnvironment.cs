using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Spawn.Specs.Support;

/// <summary>
/// The C library's <c>environ</c>, read without allocation, for generated
/// <see cref="SpawnSpecAttribute"/> methods that inherit the environment and change some of it;
/// not meant to be called by hand.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpecEnvironment
{
    // The address of the variable itself: setenv may replace the array it points to.
    private static readonly byte*** s_environ = FindEnviron();

    /// <summary>The current <c>environ</c> array (NULL-terminated), never null.</summary>
    public static byte** Current => *s_environ;

    /// <summary>The number of entries of a NULL-terminated environment array.</summary>
    /// <param name="environment">The array.</param>
    /// <returns>The entries before the terminating null.</returns>
    public static int Count(byte** environment)
    {
        int count = 0;
        while (environment[count] is not null)
        {
            count++;
        }

        return count;
    }

    /// <summary>Copies the entries of <paramref name="source"/> whose name is not listed.</summary>
    /// <param name="source">A NULL-terminated <c>NAME=value</c> array.</param>
    /// <param name="destination">Room for <paramref name="capacity"/> entries.</param>
    /// <param name="capacity">The most entries copied: the <see cref="Count"/> taken when the room was
    /// measured, in case another thread grew the environment since.</param>
    /// <param name="excludedNames">UTF-8 names, each followed by <c>=</c> (<c>"PATH=HOME="u8</c>).</param>
    /// <returns>The number of entries copied.</returns>
    public static int CopyExcept(byte** source, byte** destination, int capacity, ReadOnlySpan<byte> excludedNames)
    {
        int copied = 0;
        for (byte** entry = source; *entry is not null && copied < capacity; entry++)
        {
            if (!IsListed(*entry, excludedNames))
            {
                destination[copied++] = *entry;
            }
        }

        return copied;
    }

    private static bool IsListed(byte* entry, ReadOnlySpan<byte> names)
    {
        while (!names.IsEmpty)
        {
            int end = names.IndexOf((byte)'=') + 1;
            ReadOnlySpan<byte> name = names[..end];
            if (StartsWith(entry, name))
            {
                return true;
            }

            names = names[end..];
        }

        return false;
    }

    // Stops at the entry's NUL, so a short entry is never read past its end.
    private static bool StartsWith(byte* entry, ReadOnlySpan<byte> prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            if (entry[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte*** FindEnviron()
    {
        // dlsym on the program's handle searches every global object, libc among them.
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "environ", out nint address))
        {
            throw new PlatformNotSupportedException("The C library exports no 'environ'.");
        }

        return (byte***)address;
    }
}
