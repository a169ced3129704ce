namespace Spawn.Specs.Models;

/// <summary>
/// One parameter: its name, its modifier (<c>out </c>, <c>params </c>, <c>in </c>, <c>scoped </c>... or empty) and type as the
/// signature writes them, and how the spec can use it. An enum lists its member names, one per
/// value; <see cref="IsUnsigned"/> says how to format an undefined value.
/// </summary>
internal sealed record ParameterModel(
    string Name,
    string Modifier,
    string Type,
    ParameterKind Kind,
    bool IsUnsigned,
    EquatableArray<string> EnumMembers);

/// <summary>What a parameter's type allows.</summary>
internal enum ParameterKind
{
    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>ReadOnlySpan&lt;char&gt;</c>.</summary>
    CharSpan,

    /// <summary><c>ReadOnlySpan&lt;byte&gt;</c>, UTF-8.</summary>
    Utf8Span,

    /// <summary><c>sbyte</c>, <c>short</c>, <c>int</c>, <c>long</c>.</summary>
    SignedInteger,

    /// <summary><c>byte</c>, <c>ushort</c>, <c>uint</c>, <c>ulong</c>.</summary>
    UnsignedInteger,

    /// <summary>An enum type.</summary>
    Enum,

    /// <summary><c>bool</c>: a <c>{?name}</c> condition.</summary>
    Boolean,

    /// <summary><c>string[]</c>: a splat.</summary>
    StringArray,

    /// <summary><c>ReadOnlySpan&lt;string&gt;</c>: a splat.</summary>
    StringSpan,

    /// <summary>A <c>SafeHandle</c> holding a descriptor.</summary>
    Handle,

    /// <summary><c>Spawn.Cgroup</c>.</summary>
    Cgroup,

    /// <summary><c>CancellationToken</c> for the asynchronous wait.</summary>
    CancellationToken,

    /// <summary><c>out Stream</c>: the parent's end of a pipe.</summary>
    PipeStream,

    /// <summary><c>out SafeFileHandle</c>: the parent's end of a pipe.</summary>
    PipeHandle,

    /// <summary><c>out Spawn.Terminals.Terminal</c>: the pseudo-terminal of a <c>[Terminal]</c> spec.</summary>
    Terminal,

    /// <summary><c>TimeSpan</c>: a <c>[Timeout]</c>.</summary>
    TimeSpan,
}
