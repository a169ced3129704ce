namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Live managed heap the parent holds while it spawns: racks of references to 16 KiB arrays, each
/// page written once so that it is resident (a fork copies the page tables of what is mapped).
/// </summary>
internal sealed class HeapBallast
{
    private const int ArrayBytes = 16 * 1024;
    private const int ArraysPerRack = 256;
    private const int PageSize = 4096;
    private readonly List<object[]> _racks = [];

    public long Bytes => _racks.Count * (long)ArraysPerRack * ArrayBytes;

    public void GrowTo(long bytes)
    {
        while (Bytes < bytes)
        {
            var rack = new object[ArraysPerRack];
            for (int i = 0; i < rack.Length; i++)
            {
                var array = new byte[ArrayBytes];
                for (int offset = 0; offset < array.Length; offset += PageSize)
                    array[offset] = 1;
                rack[i] = array;
            }
            _racks.Add(rack);
        }
        // Settle it in the oldest generation, as a long-lived heap would be.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public void Release()
    {
        _racks.Clear();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
