using Spawn.Tests.Shared;

namespace Spawn.Runtime.Tests.Infrastructure;

/// <summary>
/// While alive, this process ignores one signal (<c>SIG_IGN</c>), as a program started as a shell's
/// background job ignores SIGINT and SIGQUIT; disposing puts the previous action back. The tests
/// run one at a time (TestParallelization.cs), so no other test spawns meanwhile.
/// </summary>
internal sealed unsafe class IgnoredSignal : IDisposable
{
    private readonly int _signal;
    private readonly byte[] _previous = new byte[LibC.SigActionSize];
    private bool _restored;

    public IgnoredSignal(int signal)
    {
        _signal = signal;
        byte* ignore = stackalloc byte[LibC.SigActionSize];
        new Span<byte>(ignore, LibC.SigActionSize).Clear();
        *(nint*)ignore = LibC.SIG_IGN;
        fixed (byte* previous = _previous)
            LibC.Check(LibC.SigAction(signal, ignore, previous), "sigaction");
    }

    public void Dispose()
    {
        if (_restored)
            return;
        _restored = true;
        fixed (byte* previous = _previous)
            LibC.Check(LibC.SigAction(_signal, previous, null), "sigaction");
    }
}
