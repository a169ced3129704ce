using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Streams;
using Xunit.Abstractions;

namespace Spawn.Runtime.Tests.Streams;

/// <summary>
/// What disposing a pipe stream costs: the exception that ends a waiting read or write is built only
/// when one is waiting (TerminalLifetimeTests checks that a waiting read ends with it).
/// </summary>
public sealed class DescriptorStreamDisposeTests(ITestOutputHelper output) : LeakCheckedTest
{
    [Fact]
    public void Disposing_a_stream_with_nothing_waiting_allocates_nothing()
    {
        for (int i = 0; i < 3; i++)
        {
            using StandardPipes warmUp = StandardPipes.Create(StandardStreams.Output);
            warmUp.Output!.Dispose();
        }

        using StandardPipes pipes = StandardPipes.Create(StandardStreams.Output);
        ChildPipeStream stream = pipes.Output!;
        long before = GC.GetAllocatedBytesForCurrentThread();
        stream.Dispose();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"Dispose of an idle pipe stream: {allocated} bytes");
        Assert.False(stream.CanRead);
        Assert.Equal(0, allocated);
    }
}
