using Xunit.Abstractions;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// Managed bytes allocated by one call of a generated method, after warm-up, for each return type.
/// <c>int</c> and <c>ExitStatus</c> allocate nothing, constant child steps included (their data is stackalloc'd). <c>PidFd</c> allocates the handle it returns
/// (a SafeHandle), and <c>ValueTask&lt;ExitStatus&gt;</c> the same handle, which its wait needs; the
/// wait itself is the runtime's pooled source (<c>PidFdExitWait</c>), so no state machine is allocated.
/// <c>CapturedOutput</c> allocates its strings by nature and is not measured.
/// </summary>
public sealed class ZeroAllocationTests(ITestOutputHelper output)
{
    private const int WarmUp = 3;

    // The size of a PidFd object on a 64-bit runtime, as the README documents it ("56 bytes") for a
    // PidFd return: a constant here, so that a PidFd that grows fails this test instead of moving
    // the expectation with it.
    private const long DocumentedPidFdSize = 56;

    [Fact]
    public void ExitStatus_and_pid_returns_allocate_nothing_per_call()
    {
        for (int i = 0; i < WarmUp; i++)
        {
            TestSpecs.ExitWith(0);
            TestSpecs.CompareTexts("same", "same".AsSpan());
            Reap(TestSpecs.StartTrue());
            Assert.Equal(0, TestSpecs.CheckEnvironmentAndFolder(7).ExitCode);
            TestSpecs.WriteThroughCopiedDescriptor("/dev/null");
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        TestSpecs.ExitWith(0);
        long afterExitStatus = GC.GetAllocatedBytesForCurrentThread();
        TestSpecs.CompareTexts("same", "same".AsSpan());
        long afterText = GC.GetAllocatedBytesForCurrentThread();
        int pid = TestSpecs.StartTrue();
        long afterPid = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus rich = TestSpecs.CheckEnvironmentAndFolder(7);
        long afterRich = GC.GetAllocatedBytesForCurrentThread();
        ExitStatus copied = TestSpecs.WriteThroughCopiedDescriptor("/dev/null");
        long afterFileActions = GC.GetAllocatedBytesForCurrentThread();
        Reap(pid);

        Assert.Equal(0, afterExitStatus - before);
        Assert.Equal(0, afterText - afterExitStatus);
        Assert.Equal(0, afterPid - afterText);
        Assert.Equal(0, rich.ExitCode);
        Assert.Equal(0, afterRich - afterPid);
        Assert.Equal(0, copied.ExitCode);
        Assert.Equal(0, afterFileActions - afterRich);
    }

    [Fact]
    public void Constant_child_steps_allocate_nothing_per_call()
    {
        long allocated = AllocatedByOneCall(() => TestSpecs.CheckConstantSteps(), out ExitStatus status);

        output.WriteLine($"ExitStatus return with umask, setrlimit, no_new_privs and pdeathsig steps: {allocated} bytes per call");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, allocated);
    }

    [SkippableFact]
    public void Constant_credential_steps_allocate_nothing_per_call()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "setgroups, setresgid and setresuid to nobody need root");
        long allocated = AllocatedByOneCall(() => TestSpecs.CheckConstantCredentials(), out ExitStatus status);

        output.WriteLine($"ExitStatus return with setgroups, setresgid, setresuid, no_new_privs, umask and setrlimit steps: {allocated} bytes per call");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_rented_buffer_is_returned_to_the_pool_without_allocating()
    {
        // Above the 1,024-byte stack threshold: the buffer comes from ArrayPool<byte>.Shared.
        string text = new('x', 5000);
        long allocated = AllocatedByOneCall(() => TestSpecs.CompareTexts(text, text.AsSpan()), out ExitStatus status);

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void PidFd_return_allocates_only_the_handle()
    {
        for (int i = 0; i < WarmUp; i++)
        {
            using PidFd warm = TestSpecs.StartTrueChild();
            warm.WaitForExit();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        PidFd child = TestSpecs.StartTrueChild();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        using (child)
        {
            child.WaitForExit();
        }

        output.WriteLine($"PidFd return: {allocated} bytes per call");
        Assert.Equal(DocumentedPidFdSize, allocated);
    }

    [Fact]
    public async Task ValueTask_ExitStatus_return_allocates_only_the_handle_its_wait_needs()
    {
        // A child that exits before its wait is registered completes at once; the first wait that does
        // go through the reactor starts its thread and allocates its tables (about 10 KB). So warm up
        // until one has, else that first registration would be counted.
        bool throughReactor = false;
        for (int i = 0; i < WarmUp || (!throughReactor && i < 50); i++)
        {
            ValueTask<ExitStatus> warm = TestSpecs.ExitFiveAsync();
            throughReactor |= !warm.IsCompleted;
            Assert.Equal(5, (await warm).ExitCode);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ValueTask<ExitStatus> waiting = TestSpecs.ExitFiveAsync();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5, (await waiting).ExitCode);

        output.WriteLine($"ValueTask<ExitStatus> return: {allocated} bytes on the calling thread per call");
        Assert.Equal(DocumentedPidFdSize, allocated);
    }

    // Warms the call up, then measures one more on this thread (the delegate is made before).
    internal static long AllocatedByOneCall(Func<ExitStatus> call, out ExitStatus status)
    {
        for (int i = 0; i < WarmUp; i++)
        {
            call();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        status = call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Reap(int pid)
    {
        using PidFd child = PidFd.Open(pid);
        child.WaitForExit();
    }
}
