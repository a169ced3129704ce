using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Spawn.Specs.Support;

/// <summary>
/// Sizes and pointers for the code the Spawn generator writes into <see cref="SpawnSpecAttribute"/>
/// methods; not meant to be called by hand.
/// </summary>
/// <remarks>For the code the Spawn generator writes: not a stable API, it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SpecText
{
    /// <summary>The longest invariant decimal text of a 64-bit integer ("-9223372036854775808").</summary>
    public const int MaxIntegerLength = 20;

    /// <summary>
    /// The address of a NUL-terminated UTF-8 literal (<c>"text\0"u8</c>). Such literals live in the
    /// assembly's read-only data, which never moves, so the pointer stays valid without pinning.
    /// </summary>
    /// <param name="literal">A <c>u8</c> literal ending with <c>\0</c>.</param>
    /// <returns>The address of its first byte.</returns>
    public static byte* Literal(ReadOnlySpan<byte> literal) =>
        (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(literal));

    /// <summary>The UTF-8 length of <paramref name="value"/> (no allocation).</summary>
    /// <param name="value">UTF-16 text.</param>
    /// <returns>Its length in UTF-8 bytes, without a terminator.</returns>
    public static int Measure(ReadOnlySpan<char> value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>The UTF-8 length of every element of a splat, with one terminator each.</summary>
    /// <param name="values">The splatted arguments.</param>
    /// <returns>Their total length in bytes.</returns>
    /// <exception cref="ArgumentException">An element is <see langword="null"/>.</exception>
    public static int MeasureAll(ReadOnlySpan<string> values)
    {
        int length = 0;
        foreach (string value in values)
        {
            if (value is null)
            {
                throw new ArgumentException("A splatted argument is null.", nameof(values));
            }

            length += Encoding.UTF8.GetByteCount(value) + 1;
        }

        return length;
    }
}
