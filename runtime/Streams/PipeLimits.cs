using System.Globalization;

namespace Spawn.Streams;

/// <summary>The kernel's limit on a pipe's capacity for an unprivileged process, read when first needed.</summary>
internal static class PipeLimits
{
    // pipe(7): the default of /proc/sys/fs/pipe-max-size.
    private const int DefaultMaximumSize = 1 << 20;

    private static int s_maximumSize;

    /// <summary>
    /// <c>/proc/sys/fs/pipe-max-size</c>, the most <c>fcntl(F_SETPIPE_SZ)</c> grants without
    /// CAP_SYS_RESOURCE; 1 MiB (its default) when the file cannot be read.
    /// </summary>
    /// <remarks>The benchmark sets it to 65536 (no widening) to measure what widening gains.</remarks>
    public static int MaximumSize
    {
        get
        {
            int size = Volatile.Read(ref s_maximumSize);
            if (size == 0)
                Volatile.Write(ref s_maximumSize, size = ReadMaximumSize());
            return size;
        }
        set => Volatile.Write(ref s_maximumSize, value);
    }

    private static int ReadMaximumSize()
    {
        try
        {
            return int.TryParse(File.ReadAllText("/proc/sys/fs/pipe-max-size").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0
                ? size
                : DefaultMaximumSize;
        }
        catch (IOException)
        {
            return DefaultMaximumSize;
        }
        catch (UnauthorizedAccessException)
        {
            return DefaultMaximumSize;
        }
    }
}
