using System.Buffers;

namespace Spawn.Commands;

/// <summary>
/// The lines one read of a pipe completed, handed to the consumer as one channel item: a channel
/// operation per line would cost more than the line itself. The array is pooled; the consumer gives
/// it back (<see cref="Return"/>) once it has yielded the lines.
/// </summary>
internal readonly struct LineBatch(OutputLine[] lines, int count)
{
    /// <summary>The most lines a batch holds: a read that completes more hands out several batches.</summary>
    internal const int Capacity = 256;

    internal OutputLine[] Lines { get; } = lines;

    internal int Count { get; } = count;

    internal static OutputLine[] Rent() => ArrayPool<OutputLine>.Shared.Rent(Capacity);

    /// <summary>Gives the array back, cleared, so that the pool holds no line's string.</summary>
    internal void Return() => ArrayPool<OutputLine>.Shared.Return(Lines, clearArray: true);
}
