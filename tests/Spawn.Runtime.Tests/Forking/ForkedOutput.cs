using System.Text;
using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Forking;

/// <summary>Collects what a forked child wrote to the write end of a pipe, once the parent closed its own copy.</summary>
internal static class ForkedOutput
{
    /// <summary>Closes the parent's write end and reads until every child closed theirs (by exec'ing
    /// a program that exits, or by exiting).</summary>
    public static string ReadToEnd(TestPipe pipe)
    {
        pipe.Release();
        using var stream = new FileStream(pipe.ReadEnd, FileAccess.Read, bufferSize: 1);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
