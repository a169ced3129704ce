using System.Buffers.Text;
using System.ComponentModel;
using System.Text;

namespace Spawn.LowLevel;

/// <summary>
/// Writes NUL-terminated UTF-8 strings one after another into a pinned buffer, for the code the
/// Spawn generator writes; not meant to be called by hand. Each string is built by
/// <see cref="Begin"/>, some <c>Append</c> calls and <see cref="End"/>, which returns its address.
/// </summary>
/// <remarks>
/// The generated caller sized the buffer from the actual lengths (<see cref="Specs.Support.SpecText"/>), so
/// running out of room is a generator bug and throws <see cref="InvalidOperationException"/>.
/// Text that holds a NUL character would be cut short by the kernel and throws
/// <see cref="ArgumentException"/>, as the runtime's <c>Spawner</c> does.
/// For the code the Spawn generator writes: not a stable API, it may change in any release.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public unsafe ref struct SpawnBufferWriter
{
    private readonly byte* _end;
    private byte* _next;
    private byte* _current;

    /// <summary>Starts writing at <paramref name="start"/>.</summary>
    /// <param name="start">The first byte of a pinned or stack buffer.</param>
    /// <param name="length">The buffer's length in bytes.</param>
    public SpawnBufferWriter(byte* start, int length)
    {
        _next = start;
        _current = start;
        _end = start + length;
    }

    /// <summary>Starts a new string.</summary>
    public void Begin() => _current = _next;

    /// <summary>Appends trusted UTF-8 text: a literal of the spec, checked at compile time.</summary>
    /// <param name="literal">UTF-8 bytes without NUL.</param>
    public void AppendLiteral(scoped ReadOnlySpan<byte> literal) => literal.CopyTo(new Span<byte>(Take(literal.Length), literal.Length));

    /// <summary>Appends UTF-16 text encoded as UTF-8.</summary>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a NUL character.</exception>
    public void AppendText(scoped ReadOnlySpan<char> value)
    {
        if (value.Contains('\0'))
        {
            throw new ArgumentException("A spawn argument or environment value holds a NUL character.", nameof(value));
        }

        Span<byte> room = new(_next, (int)(_end - _next));
        _next += Encoding.UTF8.GetBytes(value, room);
    }

    /// <summary>Appends caller-encoded UTF-8 bytes.</summary>
    /// <param name="value">UTF-8 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a NUL byte.</exception>
    public void AppendUtf8(scoped ReadOnlySpan<byte> value)
    {
        if (value.Contains((byte)0))
        {
            throw new ArgumentException("A spawn argument or environment value holds a NUL byte.", nameof(value));
        }

        value.CopyTo(new Span<byte>(Take(value.Length), value.Length));
    }

    /// <summary>Appends a signed integer in invariant decimal.</summary>
    /// <param name="value">The number.</param>
    public void AppendInteger(long value)
    {
        Span<byte> room = new(_next, (int)(_end - _next));
        if (!Utf8Formatter.TryFormat(value, room, out int written))
        {
            throw Overflow();
        }

        _next += written;
    }

    /// <summary>Appends an unsigned integer in invariant decimal.</summary>
    /// <param name="value">The number.</param>
    public void AppendInteger(ulong value)
    {
        Span<byte> room = new(_next, (int)(_end - _next));
        if (!Utf8Formatter.TryFormat(value, room, out int written))
        {
            throw Overflow();
        }

        _next += written;
    }

    /// <summary>Appends an enum member's name, or its number when the value has no name.</summary>
    /// <param name="name">The member's UTF-8 name, empty for an undefined value.</param>
    /// <param name="value">The value, for a signed underlying type.</param>
    public void AppendName(scoped ReadOnlySpan<byte> name, long value)
    {
        if (name.IsEmpty)
        {
            AppendInteger(value);
        }
        else
        {
            AppendLiteral(name);
        }
    }

    /// <summary>Appends an enum member's name, or its number when the value has no name.</summary>
    /// <param name="name">The member's UTF-8 name, empty for an undefined value.</param>
    /// <param name="value">The value, for an unsigned underlying type.</param>
    public void AppendName(scoped ReadOnlySpan<byte> name, ulong value)
    {
        if (name.IsEmpty)
        {
            AppendInteger(value);
        }
        else
        {
            AppendLiteral(name);
        }
    }

    /// <summary>Ends the current string with a NUL.</summary>
    /// <returns>The address of the string's first byte.</returns>
    public byte* End()
    {
        *Take(1) = 0;
        return _current;
    }

    /// <summary>Writes every element of a splat as its own string.</summary>
    /// <param name="values">The arguments (<see cref="Specs.Support.SpecText.MeasureAll"/> checked them for null).</param>
    /// <param name="slots">Where the addresses go, one per element.</param>
    /// <exception cref="ArgumentException">An element holds a NUL character.</exception>
    public void WriteAll(scoped ReadOnlySpan<string> values, byte** slots)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Begin();
            AppendText(values[i]);
            slots[i] = End();
        }
    }

    private byte* Take(int length)
    {
        if (_end - _next < length)
        {
            throw Overflow();
        }

        byte* taken = _next;
        _next += length;
        return taken;
    }

    private static InvalidOperationException Overflow() =>
        new("The spawn buffer is smaller than the generated code measured: a Spawn generator bug.");
}
