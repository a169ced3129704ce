using System.Text;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Streams;

namespace Spawn.Runtime.Tests.Streams;

public sealed unsafe class PipeBytesTests : LeakCheckedTest
{
    [Fact]
    public void Text_split_inside_characters_across_chained_buffers_decodes_whole()
    {
        // 3-byte characters written in 65,536-byte pieces (not a multiple of 3): most reads end inside
        // a character, and past PipeBytes.SegmentSize the pieces sit in separate buffers.
        byte[] utf8 = Encoding.UTF8.GetBytes(new string('\u20ac', PipeBytes.SegmentSize + 1000));
        using var pipe = new TestPipe();
        int fd = (int)pipe.ReadEnd.DangerousGetHandle();
        var bytes = new PipeBytes();
        try
        {
            for (int offset = 0; offset < utf8.Length; offset += 65536)
            {
                int length = Math.Min(65536, utf8.Length - offset);
                WriteAll(pipe, utf8.AsSpan(offset, length));
                int read = 0;
                while (read < length)
                    read += bytes.ReadOnce(fd);
            }
            pipe.Release();
            Assert.Equal(0, bytes.ReadOnce(fd));
            Assert.True(Encoding.UTF8.GetString(utf8) == bytes.ToText(), "the decoded text differs from the characters written");
        }
        finally
        {
            bytes.Release();
        }
    }

    [Fact]
    public void Invalid_bytes_decode_as_Encoding_UTF8_decodes_them_also_across_buffers()
    {
        byte[] data = new byte[PipeBytes.SegmentSize + 300_000];
        new Random(15).NextBytes(data);
        using var pipe = new TestPipe();
        int fd = (int)pipe.ReadEnd.DangerousGetHandle();
        var bytes = new PipeBytes();
        try
        {
            for (int offset = 0; offset < data.Length; offset += 40_000)
            {
                int length = Math.Min(40_000, data.Length - offset);
                WriteAll(pipe, data.AsSpan(offset, length));
                int read = 0;
                while (read < length)
                    read += bytes.ReadOnce(fd);
            }
            Assert.True(Encoding.UTF8.GetString(data) == bytes.ToText(), "the decoded text differs from Encoding.UTF8's");
        }
        finally
        {
            bytes.Release();
        }
    }

    private static void WriteAll(TestPipe pipe, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            for (int written = 0; written < bytes.Length;)
            {
                nint count = LibC.Write((int)pipe.WriteEnd.DangerousGetHandle(), start + written, bytes.Length - written);
                LibC.Check((int)Math.Min(count, 0), "write");
                written += (int)count;
            }
        }
    }
}
