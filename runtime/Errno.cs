using System.Runtime.InteropServices;

namespace Spawn;

/// <summary>
/// A Linux <c>errno</c> value with its symbolic name (<c>ENOENT</c>) and its <c>strerror</c> text.
/// <see cref="Name"/> comes from a static table and never allocates.
/// </summary>
public readonly partial struct Errno : IEquatable<Errno>
{
    /// <summary>Wraps an errno number.</summary>
    /// <param name="value">The errno number (positive; 0 means no error).</param>
    public Errno(int value) => Value = value;

    /// <summary>The errno number.</summary>
    public int Value { get; }

    /// <summary>The symbolic name, for example <c>"ENOENT"</c>; <c>"E?"</c> for a number Linux does not define.</summary>
    public string Name => (uint)Value < (uint)s_names.Length ? s_names[Value] ?? UnknownName : UnknownName;

    /// <summary>The C library's description (<c>strerror</c>), for example "No such file or directory".</summary>
    public string Message => Marshal.GetPInvokeErrorMessage(Value);

    /// <summary>The errno that the last P/Invoke declared with <c>SetLastError = true</c> left behind.</summary>
    public static Errno FromLastPInvokeError() => new(Marshal.GetLastPInvokeError());

    /// <summary><c>"ENOENT (No such file or directory)"</c>.</summary>
    public override string ToString() => $"{Name} ({Message})";

    /// <inheritdoc/>
    public bool Equals(Errno other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Errno other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value;

    /// <summary>Compares the numbers.</summary>
    public static bool operator ==(Errno left, Errno right) => left.Value == right.Value;

    /// <summary>Compares the numbers.</summary>
    public static bool operator !=(Errno left, Errno right) => left.Value != right.Value;
}
