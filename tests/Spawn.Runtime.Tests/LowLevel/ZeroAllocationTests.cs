using Spawn.Interop;
using Spawn.LowLevel;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.LowLevel;

/// <summary>
/// The promise generated code relies on: <see cref="SpawnCore.Spawn"/> plus
/// <see cref="SpawnCore.WaitForExit"/> with buffers the caller built on its stack allocate nothing
/// on the managed heap, whether the spawn succeeds or an action fails.
/// </summary>
public sealed unsafe class ZeroAllocationTests : LeakCheckedTest
{
    private static readonly byte[] s_path = NulTerminated(ProbeProgram.Path);

    [Fact]
    public void A_spawn_and_wait_with_stack_buffers_allocates_nothing()
    {
        SpawnAndWait(exitCode: 7); // the first call compiles and binds everything

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = SpawnAndWait(exitCode: 7);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(7, status.ExitCode);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_failing_file_action_allocates_nothing_until_the_exception_is_made()
    {
        FailOpen(out _); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        int error = FailOpen(out NativeSpawnResult result);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Errno.ENOENT.Value, error);
        Assert.Equal(SpawnStage.FileAction, result.Stage);
        Assert.Equal(0, result.ActionIndex);
        Assert.Equal(-1, result.PidFd);
        Assert.Equal(0, allocated);
    }

    private static ExitStatus SpawnAndWait(int exitCode)
    {
        // argv: the probe, "exit", the code, NULL; every byte on this stack frame.
        byte* exit = stackalloc byte[] { (byte)'e', (byte)'x', (byte)'i', (byte)'t', 0 };
        byte* code = stackalloc byte[] { (byte)('0' + exitCode), 0 };
        fixed (byte* path = s_path)
        {
            byte** argv = stackalloc byte*[] { path, exit, code, null };
            NativeSpawnRequest request = default;
            request.Path = path;
            request.Argv = argv;
            request.Options = NativeSpawnOptions.ReturnPidFd;
            NativeSpawnResult result;

            int error = SpawnCore.Spawn(&request, &result);
            if (error != 0)
            {
                throw SpawnCore.CreateException(result, &request);
            }

            try
            {
                return SpawnCore.WaitForExit(result.PidFd);
            }
            finally
            {
                SpawnCore.Close(result.PidFd);
            }
        }
    }

    private static int FailOpen(out NativeSpawnResult result)
    {
        byte* missing = stackalloc byte[] { (byte)'/', (byte)'n', (byte)'o', (byte)'p', (byte)'e', 0 };
        fixed (byte* path = s_path)
        {
            byte** argv = stackalloc byte*[] { path, null };
            NativeFileAction action = NativeFileAction.Open(3, missing, OpenFlags.O_RDONLY, 0);
            NativeSpawnRequest request = default;
            request.Path = path;
            request.Argv = argv;
            request.Actions = &action;
            request.ActionCount = 1;
            request.Options = NativeSpawnOptions.ReturnPidFd;
            NativeSpawnResult local;

            int error = SpawnCore.Spawn(&request, &local);
            result = local;
            return error;
        }
    }

    private static byte[] NulTerminated(string text) => [.. System.Text.Encoding.UTF8.GetBytes(text), 0];
}
