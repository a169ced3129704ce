using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// Fills this process's descriptor table for the EMFILE cases of glibc's tst-spawn3: lowers the soft
/// RLIMIT_NOFILE to just above the descriptors in use and opens <c>/dev/null</c> until only the
/// requested number of slots is free. Disposing closes the fillers and restores the limit. The
/// window is short, but the whole runtime shares the table while it lasts, so keep it to one spawn.
/// </summary>
internal sealed unsafe class DescriptorTableFiller : IDisposable
{
    private const int Headroom = 16;
    private readonly LibC.RLimit _saved;
    private readonly List<SafeFileHandle> _fillers;

    private DescriptorTableFiller(LibC.RLimit saved, int limit, List<SafeFileHandle> fillers, List<int> free)
    {
        _saved = saved;
        _fillers = fillers;
        Limit = limit;
        FreeDescriptors = free;
    }

    /// <summary>The lowered soft limit: descriptors are numbered below it.</summary>
    public int Limit { get; }

    /// <summary>The descriptor numbers left free below the lowered limit.</summary>
    public IReadOnlyList<int> FreeDescriptors { get; }

    /// <summary>The /dev/null descriptors that fill the table (not close-on-exec, as in glibc's test).</summary>
    public IReadOnlyList<SafeFileHandle> Fillers => _fillers;

    public static DescriptorTableFiller Fill(int freeSlots)
    {
        // Loading libspawn_core needs a descriptor: load it (with its first call) while there are some.
        Skip.IfNot(PidFd.IsSupported, "the kernel has no complete pidfd support");
        LibC.RLimit saved;
        LibC.Check(LibC.GetRLimit(LibC.RLIMIT_NOFILE, &saved), "getrlimit");
        int highest = ProcessResources.Capture().Descriptors.Keys.Max();
        var lowered = new LibC.RLimit { Current = (ulong)(highest + Headroom), Maximum = saved.Maximum };
        Skip.If(lowered.Current > saved.Current, $"RLIMIT_NOFILE ({saved.Current}) is already below descriptor {highest} + {Headroom}");
        LibC.Check(LibC.SetRLimit(LibC.RLIMIT_NOFILE, &lowered), "setrlimit");

        var fillers = new List<SafeFileHandle>();
        FillUp(fillers);
        var free = new List<int>();
        for (int i = 0; i < freeSlots; i++)
        {
            free.Add(fillers[^1].Fd());
            fillers[^1].Dispose();
            fillers.RemoveAt(fillers.Count - 1);
        }

        return new DescriptorTableFiller(saved, (int)lowered.Current, fillers, free);
    }

    /// <summary>
    /// Fills the slots other threads of the test host freed since (the runtime opens and closes
    /// descriptors of its own now and then), right before the spawn that must find none.
    /// </summary>
    public void FillGaps() => FillUp(_fillers);

    private static void FillUp(List<SafeFileHandle> fillers)
    {
        while (true)
        {
            int fd = LibC.Open("/dev/null", OpenFlags.O_RDONLY, 0);
            if (fd < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error != Errno.EMFILE.Value)
                {
                    throw new InvalidOperationException($"open /dev/null: errno {error}");
                }

                return;
            }

            fillers.Add(new SafeFileHandle(fd, ownsHandle: true));
        }
    }

    public void Dispose()
    {
        foreach (SafeFileHandle filler in _fillers)
        {
            filler.Dispose();
        }

        LibC.RLimit saved = _saved;
        LibC.Check(LibC.SetRLimit(LibC.RLIMIT_NOFILE, &saved), "setrlimit");
    }
}
