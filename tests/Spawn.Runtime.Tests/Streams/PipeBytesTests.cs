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
        Assert.True(Encoding.UTF8.GetString(utf8) == ReadInPieces(utf8, 65536), "the decoded text differs from the characters written");
    }

    [Fact]
    public void Invalid_bytes_decode_as_Encoding_UTF8_decodes_them_also_across_buffers()
    {
        byte[] data = new byte[PipeBytes.SegmentSize + 300_000];
        new Random(15).NextBytes(data);
        Assert.True(Encoding.UTF8.GetString(data) == ReadInPieces(data, 40_000), "the decoded text differs from Encoding.UTF8's");
    }

    // Writes the bytes into a pipe a piece at a time and reads each piece with PipeBytes.ReadOnce.
    private static string ReadInPieces(byte[] data, int piece)
    {
        using var pipe = new TestPipe();
        int fd = (int)pipe.ReadEnd.DangerousGetHandle();
        var bytes = new PipeBytes();
        try
        {
            for (int offset = 0; offset < data.Length; offset += piece)
            {
                int length = Math.Min(piece, data.Length - offset);
                WriteAll(pipe, data.AsSpan(offset, length));
                for (int read = 0; read < length;)
                    read += bytes.ReadOnce(fd);
            }
            pipe.Release();
            Assert.Equal(0, bytes.ReadOnce(fd));
            return bytes.ToText();
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
