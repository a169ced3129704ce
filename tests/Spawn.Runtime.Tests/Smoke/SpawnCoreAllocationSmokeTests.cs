using Spawn.LowLevel;
using Xunit;

namespace Spawn.Runtime.Tests.Smoke;

public sealed unsafe class SpawnCoreAllocationSmokeTests
{
    [SkippableFact]
    public void Spawn_and_wait_of_bin_true_with_stack_buffers_allocates_nothing()
    {
        Skip.IfNot(PidFd.IsSupported, "the kernel lacks complete pidfd support (5.4+)");

        SpawnAndWaitTrue(); // first call: P/Invoke stubs resolve, statics initialise
        long before = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus status = SpawnAndWaitTrue();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(status.Exited && status.ExitCode == 0, status.ToString());
        Assert.Equal(0, allocated);
    }

    private static ExitStatus SpawnAndWaitTrue()
    {
        byte* path = stackalloc byte[] { (byte)'/', (byte)'b', (byte)'i', (byte)'n', (byte)'/', (byte)'t', (byte)'r', (byte)'u', (byte)'e', 0 };
        byte** argv = stackalloc byte*[2];
        argv[0] = path;
        argv[1] = null;
        byte** envp = stackalloc byte*[1];
        envp[0] = null;
        NativeSpawnRequest request = default;
        request.Path = path;
        request.Argv = argv;
        request.Envp = envp;
        request.Options = NativeSpawnOptions.ReturnPidFd;
        NativeSpawnResult result;
        if (SpawnCore.Spawn(&request, &result) != 0)
            throw SpawnCore.CreateException(result, &request);
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
