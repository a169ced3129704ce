using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Streams;

/// <summary>
/// The widening rule of the capture, seen on the pipe itself (<c>fcntl(F_GETPIPE_SZ)</c> of the read
/// end): a pipe that a read found full is widened to <c>/proc/sys/fs/pipe-max-size</c>; a small output
/// leaves it at its default. The child fills the pipe before the capture starts reading, so the first
/// read finds it full whatever the machine's load.
/// </summary>
public sealed class PipeWideningTests : ReactorAwareTest
{
    private const int LargeOutput = 300_000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public void A_synchronous_capture_widens_a_pipe_it_found_full()
    {
        using CapturePipes pipes = CapturePipes.Create();
        int defaultSize = PipeSize(pipes.OutputRead);
        Skip.If(PipeLimits.MaximumSize <= defaultSize, $"pipe-max-size ({PipeLimits.MaximumSize}) is not above the default pipe size ({defaultSize})");
        using PidFd child = Spawn(pipes, $"head -c {LargeOutput} /dev/zero");
        WaitUntilFull(pipes.OutputRead, defaultSize);

        CapturedOutput result = OutputCapture.Collect(child, pipes.OutputRead, pipes.ErrorRead);

        Assert.Equal(LargeOutput, result.StandardOutput.Length);
        Assert.Equal(PipeLimits.MaximumSize, PipeSize(pipes.OutputRead));
    }

    [SkippableFact]
    public async Task An_asynchronous_capture_widens_a_pipe_it_found_full()
    {
        using CapturePipes pipes = CapturePipes.Create();
        int defaultSize = PipeSize(pipes.OutputRead);
        Skip.If(PipeLimits.MaximumSize <= defaultSize, $"pipe-max-size ({PipeLimits.MaximumSize}) is not above the default pipe size ({defaultSize})");
        // The capture closes its read end: a duplicate of it still shows the pipe afterwards.
        using SafeFileHandle kept = Duplicate(pipes.OutputRead);
        PidFd child = Spawn(pipes, $"head -c {LargeOutput} /dev/zero");
        WaitUntilFull(pipes.OutputRead, defaultSize);

        CapturedOutput result = await CaptureWait.Start(child, pipes.OutputRead, pipes.ErrorRead, CancellationToken.None);

        Assert.Equal(LargeOutput, result.StandardOutput.Length);
        Assert.Equal(PipeLimits.MaximumSize, PipeSize(kept));
    }

    [Fact]
    public void A_small_synchronous_capture_leaves_the_pipe_at_its_default_size()
    {
        using CapturePipes pipes = CapturePipes.Create();
        int defaultSize = PipeSize(pipes.OutputRead);
        using PidFd child = Spawn(pipes, "printf small");

        CapturedOutput result = OutputCapture.Collect(child, pipes.OutputRead, pipes.ErrorRead);

        Assert.Equal("small", result.StandardOutput);
        Assert.Equal(defaultSize, PipeSize(pipes.OutputRead));
    }

    [Fact]
    public async Task A_small_asynchronous_capture_leaves_the_pipe_at_its_default_size()
    {
        using CapturePipes pipes = CapturePipes.Create();
        int defaultSize = PipeSize(pipes.OutputRead);
        using SafeFileHandle kept = Duplicate(pipes.OutputRead);
        PidFd child = Spawn(pipes, "printf small");

        CapturedOutput result = await CaptureWait.Start(child, pipes.OutputRead, pipes.ErrorRead, CancellationToken.None);

        Assert.Equal("small", result.StandardOutput);
        Assert.Equal(defaultSize, PipeSize(kept));
    }

    private static PidFd Spawn(CapturePipes pipes, string script)
    {
        PidFd child = Spawner.PidFdSpawnP("sh", pipes.FileActions(), null, ["sh", "-c", script], null);
        pipes.CloseChildEnds();
        return child;
    }

    private static int PipeSize(SafeFileHandle end)
    {
        int size = LibC.Fcntl((int)end.DangerousGetHandle(), LibC.F_GETPIPE_SZ, 0);
        LibC.Check(size, "fcntl F_GETPIPE_SZ");
        return size;
    }

    private static SafeFileHandle Duplicate(SafeFileHandle end)
    {
        int fd = LibC.Fcntl((int)end.DangerousGetHandle(), LibC.F_DUPFD_CLOEXEC, 0);
        LibC.Check(fd, "fcntl F_DUPFD_CLOEXEC");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    // FIONREAD: the bytes waiting in the pipe; the child blocks once they reach its size.
    private static unsafe void WaitUntilFull(SafeFileHandle end, int size)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        int waiting = 0;
        while (DateTime.UtcNow < deadline)
        {
            LibC.Check(LibC.Ioctl((int)end.DangerousGetHandle(), LibC.FIONREAD, &waiting), "ioctl FIONREAD");
            if (waiting >= size)
                return;
            Thread.Sleep(5);
        }
        Assert.Fail($"the child wrote {waiting} bytes into the pipe, not the {size} that fill it");
    }
}
