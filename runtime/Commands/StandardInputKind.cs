namespace Spawn.Commands;

/// <summary>The kinds of <see cref="StandardInput"/>.</summary>
internal enum StandardInputKind
{
    Null,
    Inherit,
    File,
    Text,
    Bytes,
    Stream,
}
