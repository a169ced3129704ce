namespace Spawn.Specs.Parsing;

/// <summary>Where a placeholder puts its parameter, which decides the types it accepts.</summary>
internal enum ParameterUsage
{
    /// <summary>Text of an argument, path or value: strings, spans, integers, enums.</summary>
    Text,

    /// <summary>A <c>{?name}</c> condition: <c>bool</c>.</summary>
    Condition,

    /// <summary>A <c>{name...}</c> splat: <c>string[]</c>, <c>ReadOnlySpan&lt;string&gt;</c>.</summary>
    Splat,

    /// <summary>A descriptor: a <c>SafeHandle</c> or an <c>int</c>.</summary>
    Descriptor,

    /// <summary>A cgroup: <c>Cgroup</c>, a <c>SafeHandle</c> or an <c>int</c> descriptor.</summary>
    Cgroup,

    /// <summary>A process group id: <c>int</c>.</summary>
    ProcessGroup,

    /// <summary>A user or group id: <c>uint</c>.</summary>
    Id,

    /// <summary>A stdio target: a path, a descriptor, or an <c>out</c> pipe end.</summary>
    StandardStream,

    /// <summary>A <c>[Timeout]</c>: <c>TimeSpan</c>.</summary>
    Timeout,
}
