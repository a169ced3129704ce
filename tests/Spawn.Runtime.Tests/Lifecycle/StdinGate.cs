using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Lifecycle;

/// <summary>
/// Holds any number of spawn_probe children alive at once: each one's stdin is the read end of one
/// shared pipe and it runs <c>wait-stdin</c> first, so all of them run until <see cref="Release"/>
/// closes the write end. Disposing releases them too, so a failing test leaves nobody blocked.
/// </summary>
internal sealed unsafe class StdinGate : IDisposable
{
    private static readonly string[] NoEnvironment = [];
    private readonly SafeFileHandle _readEnd;
    private readonly SafeFileHandle _writeEnd;
    private readonly SpawnFileActions _actions;

    public StdinGate()
    {
        int* fds = stackalloc int[2];
        LibC.Check(LibC.Pipe2(fds, OpenFlags.O_CLOEXEC), "pipe2");
        _readEnd = new SafeFileHandle(fds[0], ownsHandle: true);
        _writeEnd = new SafeFileHandle(fds[1], ownsHandle: true);
        _actions = new SpawnFileActions().AddDup2(fds[0], 0);
    }

    /// <summary>Spawns a probe that waits for the gate, then runs <paramref name="commands"/>.</summary>
    public PidFd Spawn(params string[] commands) => Spawn(null, commands);

    /// <summary>Spawns a probe with <paramref name="attributes"/> that waits for the gate, then runs <paramref name="commands"/>.</summary>
    public PidFd Spawn(SpawnAttributes? attributes, params string[] commands) =>
        Spawner.PidFdSpawn(ProbeProgram.Path, _actions, attributes, ProbeProgram.Argv(["wait-stdin", .. commands]), NoEnvironment);

    /// <summary>Lets every child past <c>wait-stdin</c>.</summary>
    public void Release() => _writeEnd.Dispose();

    public void Dispose()
    {
        _writeEnd.Dispose();
        _readEnd.Dispose();
    }
}
