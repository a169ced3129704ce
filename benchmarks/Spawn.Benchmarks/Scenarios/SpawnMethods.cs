using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CliWrap;
using Spawn.Cgroups;
using Spawn.Forking;
using Spawn.Interop;
using Spawn.LowLevel;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Every way this machine offers to spawn one program and wait for it. The path and argv the
/// native entries take are encoded once, in native memory, so those calls allocate nothing.
/// </summary>
internal sealed unsafe class SpawnMethods : IDisposable
{
    private readonly string _program;
    private readonly string[] _argv;
    private readonly string[] _environment;
    private readonly byte* _path;
    private readonly byte** _nativeArgv;
    private readonly ExecArguments _exec;

    public SpawnMethods(string program)
    {
        _program = program;
        _argv = [program];
        _environment = [.. Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Select(name => $"{name}={Environment.GetEnvironmentVariable(name)}")];
        byte[] utf8 = Encoding.UTF8.GetBytes(program + "\0");
        _path = (byte*)NativeMemory.Alloc((nuint)utf8.Length);
        utf8.CopyTo(new Span<byte>(_path, utf8.Length));
        _nativeArgv = (byte**)NativeMemory.Alloc(2, (nuint)sizeof(byte*));
        _nativeArgv[0] = _path;
        _nativeArgv[1] = null;
        _exec = ExecArguments.Create(program, _argv);
    }

    /// <summary>native/spawn_floor.c: clone(VM|VFORK|PIDFD) + execve + waitid, nothing else.</summary>
    public void CFloor()
    {
        int status = SpawnFloor.Run(_path, _nativeArgv, null);
        if (status != 0)
            throw new InvalidOperationException($"C floor: {_program} ended with {status}");
    }

    /// <summary>The C floor with a fresh stack and guard page per spawn: what that choice of the runtime's core costs.</summary>
    public void CFloorFreshStack()
    {
        int status = SpawnFloor.RunWithFreshStack(_path, _nativeArgv, null);
        if (status != 0)
            throw new InvalidOperationException($"C floor: {_program} ended with {status}");
    }

    /// <summary>The C core through <see cref="SpawnCore"/>, with caller-built buffers.</summary>
    public void SpawnCoreCall() => SpawnCoreCall(null);

    /// <summary><see cref="SpawnCoreCall()"/> with attributes (a cgroup, for instance).</summary>
    public void SpawnCoreCall(NativeSpawnAttributes* attributes)
    {
        NativeSpawnRequest request = default;
        request.Path = _path;
        request.Argv = _nativeArgv;
        request.Attributes = attributes;
        request.Options = NativeSpawnOptions.ReturnPidFd;
        NativeSpawnResult result;
        if (SpawnCore.Spawn(&request, &result) != 0)
            throw SpawnCore.CreateException(result, &request);
        ExitStatus status = SpawnCore.WaitForExit(result.PidFd);
        SpawnCore.Close(result.PidFd);
        Check(status);
    }

    /// <summary><see cref="SpawnCoreCall()"/>, returning the pid while the child may still run.</summary>
    public int SpawnCoreStart(out int pidfd)
    {
        NativeSpawnRequest request = default;
        request.Path = _path;
        request.Argv = _nativeArgv;
        request.Options = NativeSpawnOptions.ReturnPidFd;
        NativeSpawnResult result;
        if (SpawnCore.Spawn(&request, &result) != 0)
            throw SpawnCore.CreateException(result, &request);
        pidfd = result.PidFd;
        return result.Pid;
    }

    /// <summary>Waits for a child of <see cref="SpawnCoreStart"/>, closes its pidfd and checks that it exited with 0.</summary>
    public void Finish(int pidfd)
    {
        ExitStatus status = SpawnCore.WaitForExit(pidfd);
        SpawnCore.Close(pidfd);
        Check(status);
    }

    /// <summary>The generated <c>[SpawnSpec]</c> method.</summary>
    public void Generated() => Check(GeneratedSpawns.Run(_program));

    /// <summary>The generated <c>[SpawnSpec]</c> method with <c>[Cgroup("{scope}")]</c>.</summary>
    public void GeneratedInCgroup(Cgroup scope) => Check(GeneratedSpawns.RunInCgroup(_program, scope));

    /// <summary><see cref="Spawner.PidFdSpawn"/> with <c>envp: null</c> (the managed environment, as Process.Start).</summary>
    public void Spawner() => Spawner(null);

    /// <summary><see cref="Spawner.PidFdSpawn"/> with an environment built once.</summary>
    public void SpawnerWithEnvironment() => Spawner(null, _environment);

    /// <summary><see cref="SpawnerWithEnvironment"/> with attributes.</summary>
    public void SpawnerWithEnvironment(SpawnAttributes attributes) => Spawner(attributes, _environment);

    /// <summary><see cref="Spawner.PidFdSpawn"/> with attributes.</summary>
    public void Spawner(SpawnAttributes? attributes, IReadOnlyList<string>? environment = null)
    {
        using PidFd pidfd = Spawn.Spawner.PidFdSpawn(_program, null, attributes, _argv, environment);
        Check(pidfd.WaitForExit());
    }

    /// <summary><see cref="Process.Start(ProcessStartInfo)"/> + <see cref="Process.WaitForExit()"/>.</summary>
    public void ProcessStart()
    {
        using Process process = StartProcess();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{_program} exited with {process.ExitCode}");
    }

    /// <summary>A started <see cref="Process"/>, for callers that act before waiting.</summary>
    public Process StartProcess() =>
        Process.Start(new ProcessStartInfo(_program) { UseShellExecute = false })!;

#if NET11_0_OR_GREATER
    /// <summary>.NET 11's <c>Process.Run</c>: start and wait in one call.</summary>
    public void ProcessRun()
    {
        ProcessExitStatus status = Process.Run(new ProcessStartInfo(_program) { UseShellExecute = false });
        if (status.ExitCode != 0)
            throw new InvalidOperationException($"{_program} exited with {status.ExitCode}");
    }

    /// <summary>.NET 11's <c>SafeProcessHandle.Start</c> + <c>WaitForExit</c>: no Process object.</summary>
    public void SafeProcessHandleStart()
    {
        using Microsoft.Win32.SafeHandles.SafeProcessHandle handle = Microsoft.Win32.SafeHandles.SafeProcessHandle.Start(new ProcessStartInfo(_program) { UseShellExecute = false });
        ProcessExitStatus status = handle.WaitForExit();
        if (status.ExitCode != 0)
            throw new InvalidOperationException($"{_program} exited with {status.ExitCode}");
    }

    /// <summary><see cref="ProcessStart"/> with .NET 11's <c>KillOnParentExit</c>.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ProcessStartKillOnParentExit()
    {
        using Process process = Process.Start(new ProcessStartInfo(_program) { UseShellExecute = false, KillOnParentExit = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{_program} exited with {process.ExitCode}");
    }
#endif

    /// <summary>CliWrap's <c>ExecuteAsync</c>, awaited synchronously as a console program would.</summary>
    public void CliWrap()
    {
        CommandResult result = Cli.Wrap(_program).ExecuteAsync().GetAwaiter().GetResult();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{_program} exited with {result.ExitCode}");
    }

    /// <summary><see cref="Fork.Run{TState}(ForkChildMain{TState}, ref TState)"/> whose child calls <see cref="ForkChild.Exec"/>.</summary>
    public void ForkNpExec()
    {
        var job = new ExecJob { Arguments = _exec };
        // The child runs ExecJob.Run, which calls only ForkChild: the risk SPAWN0109 names is understood.
#pragma warning disable SPAWN0109
        using PidFd child = Fork.Run(ExecJob.Run, ref job);
#pragma warning restore SPAWN0109
        Check(child.WaitForExit());
    }

    public void Dispose()
    {
        NativeMemory.Free(_nativeArgv);
        NativeMemory.Free(_path);
        _exec.Dispose();
    }

    private void Check(ExitStatus status)
    {
        if (!status.Exited || status.ExitCode != 0)
            throw new InvalidOperationException($"{_program} {status}");
    }

    /// <summary>The forked child: exec, and exit 127 if exec failed.</summary>
    private struct ExecJob
    {
        public ExecArguments Arguments;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int Run(ref ExecJob job)
        {
            ForkChild.Exec(job.Arguments);
            return 127;
        }
    }
}
