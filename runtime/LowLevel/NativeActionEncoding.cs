using System.Text;
using Spawn.Interop;

namespace Spawn.LowLevel;

/// <summary>
/// The one way managed spawn input becomes what the C core reads: NUL-terminated UTF-8 strings and
/// <see cref="NativeFileAction"/>s whose path or bytes live in the same buffer. A caller measures
/// first (<see cref="Size"/>, <see cref="MeasureActions"/>), sizes one buffer, then writes.
/// <see cref="SpawnInvocation"/> (one spawn, a stack or native buffer) and the sandbox's steps
/// (encoded once, on the pinned object heap) both use it.
/// </summary>
internal static unsafe class NativeActionEncoding
{
    /// <summary>The bytes <paramref name="value"/> takes as NUL-terminated UTF-8.</summary>
    internal static long Size(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    /// <summary>Writes <paramref name="value"/> as one NUL-terminated UTF-8 string; returns its address.</summary>
    /// <exception cref="ArgumentException">The text holds a NUL character.</exception>
    internal static byte* Write(ref SpawnBufferWriter writer, string value)
    {
        writer.Begin();
        writer.AppendText(value);
        return writer.End();
    }

    /// <summary>The bytes the paths and data of <paramref name="actions"/> take (<see cref="WriteActions"/> writes them).</summary>
    internal static long MeasureActions(SpawnFileActions? actions)
    {
        long bytes = 0;
        for (int i = 0; i < (actions?.Count ?? 0); i++)
        {
            SpawnFileActions.Entry entry = actions![i];
            if (entry.Path is { } path)
                bytes += Size(path);
            bytes += (entry.Data?.Length + 1) ?? 0;
        }
        return bytes;
    }

    /// <summary>
    /// Writes each of <paramref name="actions"/> into <paramref name="native"/>, pointing at its path
    /// (UTF-8) or its bytes copied into <paramref name="writer"/>'s buffer.
    /// </summary>
    /// <exception cref="ArgumentException">A path holds a NUL character.</exception>
    internal static void WriteActions(SpawnFileActions? actions, NativeFileAction* native, ref SpawnBufferWriter writer)
    {
        for (int i = 0; i < (actions?.Count ?? 0); i++)
        {
            SpawnFileActions.Entry entry = actions![i];
            native[i] = entry.Action.WithData(entry.Path is not null ? Write(ref writer, entry.Path)
                                              : entry.Data is not null ? WriteData(ref writer, entry.Data)
                                              : null);
        }
    }

    /// <summary>Native bytes a step points to; the kernel copies them in (BPF program, capability sets), so no alignment is needed.</summary>
    private static byte* WriteData(ref SpawnBufferWriter writer, byte[] data)
    {
        writer.Begin();
        writer.AppendLiteral(data);
        return writer.End();
    }
}
