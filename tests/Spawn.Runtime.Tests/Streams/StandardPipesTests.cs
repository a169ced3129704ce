using System.Text;
using Spawn.Runtime.Tests.Lifecycle;
using Spawn.Runtime.Tests.Probe;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Streams;

public sealed class StandardPipesTests : ReactorAwareTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_child_reads_its_stdin_from_a_pipe_and_writes_its_stdout_into_another()
    {
        using var pipes = StandardPipes.Create(StandardStreams.Input | StandardStreams.Output);
        using var child = Spawner.PidFdSpawn("/bin/cat", pipes.AddTo(null), null, ["cat"], null);
        pipes.CloseChildEnds();

        await pipes.Input!.WriteAsync("through the child\n"u8.ToArray());
        pipes.Input.Dispose();
        using var reader = new StreamReader(pipes.Output!, Encoding.UTF8);
        Assert.Equal("through the child\n", await reader.ReadToEndAsync().WaitAsync(Patience));
        Assert.Equal(0, (await child.WaitForExitAsync()).ExitCode);
    }

    [Fact]
    public async Task A_write_larger_than_the_pipe_waits_for_the_child_to_drain_it()
    {
        byte[] payload = Enumerable.Range(0, 1 << 20).Select(i => (byte)('a' + (i % 26))).ToArray();
        using var pipes = StandardPipes.Create(StandardStreams.Input | StandardStreams.Output);
        using var child = Spawner.PidFdSpawn("/bin/cat", pipes.AddTo(null), null, ["cat"], null);
        pipes.CloseChildEnds();

        Task write = Task.Run(async () =>
        {
            await pipes.Input!.WriteAsync(payload);
            pipes.Input.Dispose();
        });
        using var received = new MemoryStream();
        await pipes.Output!.CopyToAsync(received).WaitAsync(Patience);
        await write.WaitAsync(Patience);
        Assert.Equal(payload, received.ToArray());
        Assert.Equal(0, (await child.WaitForExitAsync()).ExitCode);
    }

    [Fact]
    public void Synchronous_reads_see_the_output_and_then_the_end_of_file()
    {
        using var pipes = StandardPipes.Create(StandardStreams.Error);
        using var child = Spawner.PidFdSpawn("/bin/sh", pipes.AddTo(null), null, ["sh", "-c", "echo complaint >&2"], null);
        pipes.CloseChildEnds();
        using var reader = new StreamReader(pipes.Error!, Encoding.UTF8);
        Assert.Equal("complaint\n", reader.ReadToEnd());
        Assert.Equal(0, child.WaitForExit().ExitCode);
    }

    [Fact]
    public void The_pipes_do_not_leak_into_other_children()
    {
        var before = OpenPipes();
        using var pipes = StandardPipes.Create(StandardStreams.All);
        string[] ours = OpenPipes().Except(before).ToArray();
        Assert.Equal(3, ours.Length);
        ProbeReport report = ProbeChild.RunToSuccess(null, null, "fds");
        Assert.All(ours, pipe => Assert.DoesNotContain(pipe, report.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_read_leaves_the_pipe_readable()
    {
        using var pipes = StandardPipes.Create(StandardStreams.Input | StandardStreams.Output);
        using var child = Spawner.PidFdSpawn("/bin/cat", pipes.AddTo(null), null, ["cat"], null);
        pipes.CloseChildEnds();
        var buffer = new byte[16];
        using (var cancellation = new CancellationTokenSource())
        {
            ValueTask<int> read = pipes.Output!.ReadAsync(buffer, cancellation.Token);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
        }

        await pipes.Input!.WriteAsync("x"u8.ToArray());
        Assert.Equal(1, await pipes.Output!.ReadAsync(buffer).AsTask().WaitAsync(Patience));
        pipes.Input.Dispose();
        Assert.Equal(0, (await child.WaitForExitAsync()).ExitCode);
    }

    // "pipe:[inode]" for every pipe end open here, one entry per pipe.
    private static HashSet<string> OpenPipes() =>
        Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .Where(target => target.StartsWith("pipe:", StringComparison.Ordinal))
            .ToHashSet();
}
