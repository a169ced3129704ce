namespace Spawn.Streams;

/// <summary>Which of a child's standard streams <see cref="StandardPipes"/> connects to this process.</summary>
[Flags]
public enum StandardStreams
{
    /// <summary>None: the child inherits all three.</summary>
    None = 0,

    /// <summary>Descriptor 0: this process writes, the child reads.</summary>
    Input = 1,

    /// <summary>Descriptor 1: the child writes, this process reads.</summary>
    Output = 2,

    /// <summary>Descriptor 2: the child writes, this process reads.</summary>
    Error = 4,

    /// <summary>All three.</summary>
    All = Input | Output | Error,
}
