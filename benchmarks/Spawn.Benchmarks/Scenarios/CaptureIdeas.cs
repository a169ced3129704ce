using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Spawn.Benchmarks.Measurement;
using Spawn.Benchmarks.Report;
using Spawn.Interop;
using Spawn.Streams;

namespace Spawn.Benchmarks.Scenarios;

/// <summary>
/// Where the time of a 10 MiB capture goes, one idea per row, all rows in turn in one process: the
/// child alone (its stdout on /dev/null), the pipe's size, the read size, the thread hop per chunk,
/// an anonymous memory file instead of a pipe, and the decoding and buffer growth on their own.
/// </summary>
internal static partial class CaptureIdeas
{
    private const int Bytes = 10 << 20;
    private static readonly string[] s_argv = ["head", "-c", Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "/dev/zero"];

    /// <summary>The ideas without the rest of the capture scenario: <c>-- capture-ideas [--quick]</c>.</summary>
    public static Section RunAlone(Settings settings)
    {
        (MarkdownTable table, string finding) = Run(settings);
        return new Section("Capture ideas", "All rows in turn, round after round, in one process.", [("10 MiB:", table)], [finding]);
    }

    public static (MarkdownTable Table, string Finding) Run(Settings settings)
    {
        byte[] zeros = new byte[Bytes];
        Method[] methods =
        [
            new("OutputCapture.Run (reads of the pipe's capacity, widened when found full)", () => Check(OutputCapture.Run("head", s_argv[1..]).StandardOutput.Length)),
            new("the same, never widened (64 KiB pipe)", () => Check(WithoutWidening())),
            new("the same, widened to pipe-max-size before the spawn", () => Check(WidenedFirst())),
            new("poll + read, 4 KiB reads, 64 KiB pipe", () => Check(PollWithReadSize(4096))),
            new("poll + read, pausing 1 ms after a short read of a widened pipe (fewer wake-ups)", () => Check(PollWithPauses(1000))),
            new("poll + read, pausing 250 µs after a short read of a widened pipe", () => Check(PollWithPauses(250))),
            new("poll + read, pausing 100 µs after a short read of a widened pipe", () => Check(PollWithPauses(100))),
            new("pipe bandwidth: poll + read into one reused buffer, no decoding", () => Check(PipeBandwidth(s_argv))),
            new("decoding as the bytes arrive into pooled characters, the string copied from them at the end", () => Check(DecodedAsRead())),
            new("OutputCapture.RunAsync (reads on the reactor thread, one hop at the end)", () => Check(OutputCapture.RunAsync("head", s_argv[1..]).GetAwaiter().GetResult().StandardOutput.Length)),
            new("ChildPipeStream.ReadAsync loop (a thread-pool hop per chunk)", () => Check(HopPerChunkAsync().GetAwaiter().GetResult())),
            new("memfd_create as stdout, read after the exit (no pipe)", () => Check(MemoryFile())),
            new("floor: the child alone, stdout on /dev/null", () => Check(DevNull())),
            new("UTF-8 decoding of 10 MiB alone (no process)", () => Check(Encoding.UTF8.GetString(zeros).Length)),
            new("doubling-buffer growth copies for 10 MiB alone (no process)", () => Check(GrowthCopies())),
        ];
        Timing[] timings = RoundRobin.Run(methods, settings.LargeCaptureRounds, Math.Min(settings.LargeCaptureRounds, settings.WarmupRounds));
        double run = timings[0].MedianMs;
        double Ratio(string name) => Timing.Find(timings, name).MedianMs / run;
        string finding = $"10 MiB ideas on {RuntimeNames.Long} (medians against OutputCapture.Run = 1.00x): never widening the pipe {Figures.Ratio(Ratio("never widened"))}, widening before the spawn {Figures.Ratio(Ratio("before the spawn"))}, "
            + $"4 KiB reads {Figures.Ratio(Ratio("4 KiB reads"))}, pausing after short reads {Figures.Ratio(Ratio("pausing"))}; RunAsync {Figures.Ratio(Ratio("RunAsync"))} against a hop per chunk {Figures.Ratio(Ratio("hop per chunk"))}; "
            + $"memfd {Figures.Ratio(Ratio("memfd"))}; the pipe's bandwidth without decoding {Figures.Ratio(Ratio("bandwidth"))}; the child alone {Figures.Ratio(Ratio("floor"))}; "
            + $"decoding alone {Figures.Ms(Timing.Find(timings, "UTF-8 decoding").MedianMs)} ms, growth copies alone {Figures.Ms(Timing.Find(timings, "growth").MedianMs)} ms.";
        return (TimingTable.Create(timings, "OutputCapture.Run"), finding);
    }

    private static int WithoutWidening()
    {
        int saved = PipeLimits.MaximumSize;
        PipeLimits.MaximumSize = 65536;
        try
        {
            return OutputCapture.Run("head", s_argv[1..]).StandardOutput.Length;
        }
        finally
        {
            PipeLimits.MaximumSize = saved;
        }
    }

    private static int WidenedFirst()
    {
        using CapturePipes pipes = CapturePipes.Create();
        DescriptorSyscalls.Fcntl((int)pipes.OutputRead.DangerousGetHandle(), DescriptorSyscalls.F_SETPIPE_SZ, PipeLimits.MaximumSize);
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.FileActions(), null, s_argv, null);
        pipes.CloseChildEnds();
        return OutputCapture.Collect(child, pipes.OutputRead, pipes.ErrorRead).StandardOutput.Length;
    }

    // Pipes have no low-water mark: the reader wakes for each of the child's 4 KiB writes. Once the
    // pipe holds 1 MiB, pausing lets it fill instead.
    private static unsafe int PollWithPauses(int pauseMicroseconds)
    {
        using CapturePipes pipes = CapturePipes.Create();
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.FileActions(), null, s_argv, null);
        pipes.CloseChildEnds();
        int fd = (int)pipes.OutputRead.DangerousGetHandle();
        var bytes = new PipeBytes();
        try
        {
            int total = 0, count;
            while ((count = bytes.ReadOnce(fd)) > 0)
            {
                total += count;
                if (total > 65536 && count < 512 * 1024)
                {
                    var pause = new TimeSpec { Seconds = 0, Nanoseconds = pauseMicroseconds * 1000L };
                    NanoSleep(&pause, null);
                }
            }
            child.WaitForExit();
            return bytes.ToText().Length;
        }
        finally
        {
            bytes.Release();
        }
    }

    /// <summary>
    /// How fast <paramref name="argv"/>'s output crosses a widened pipe with nothing done to it: read
    /// into one reused buffer, no decoding. No capture can end before this does.
    /// </summary>
    internal static unsafe int PipeBandwidth(string[] argv)
    {
        using CapturePipes pipes = CapturePipes.Create();
        using PidFd child = Spawner.PidFdSpawnP(argv[0], pipes.FileActions(), null, argv, null);
        pipes.CloseChildEnds();
        int fd = (int)pipes.OutputRead.DangerousGetHandle();
        DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETPIPE_SZ, PipeLimits.MaximumSize);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        int total = 0;
        nint count;
        fixed (byte* start = buffer)
        {
            while ((count = Libc.Read(fd, start, (nuint)buffer.Length)) > 0)
                total += (int)count;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        child.WaitForExit();
        return total;
    }

    // Each read is decoded at once (while the child writes the next) into a chain of pooled character
    // buffers; once the pipe ended, the string is allocated and the characters copied into it.
    private static unsafe int DecodedAsRead()
    {
        using CapturePipes pipes = CapturePipes.Create();
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.FileActions(), null, s_argv, null);
        pipes.CloseChildEnds();
        int fd = (int)pipes.OutputRead.DangerousGetHandle();
        DescriptorSyscalls.Fcntl(fd, DescriptorSyscalls.F_SETPIPE_SZ, PipeLimits.MaximumSize);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(1 << 20);
        var chunks = new List<(char[] Chars, int Length)>();
        char[] chars = ArrayPool<char>.Shared.Rent(1 << 20);
        int used = 0, total = 0;
        Decoder decoder = Encoding.UTF8.GetDecoder();
        nint count;
        fixed (byte* start = bytes)
        {
            while ((count = Libc.Read(fd, start, (nuint)bytes.Length)) > 0)
            {
                ReadOnlySpan<byte> read = bytes.AsSpan(0, (int)count);
                while (!read.IsEmpty)
                {
                    if (chars.Length - used < 4)
                    {
                        chunks.Add((chars, used));
                        chars = ArrayPool<char>.Shared.Rent(1 << 20);
                        used = 0;
                    }
                    decoder.Convert(read, chars.AsSpan(used), false, out int bytesUsed, out int charsUsed, out _);
                    read = read[bytesUsed..];
                    used += charsUsed;
                    total += charsUsed;
                }
            }
        }
        chunks.Add((chars, used));
        child.WaitForExit();
        string text = string.Create(total, chunks, static (destination, pieces) =>
        {
            foreach ((char[] piece, int length) in pieces)
            {
                piece.AsSpan(0, length).CopyTo(destination);
                destination = destination[length..];
            }
        });
        foreach ((char[] piece, _) in chunks)
            ArrayPool<char>.Shared.Return(piece);
        ArrayPool<byte>.Shared.Return(bytes);
        return text.Length;
    }

    // One pipe, blocking reads of a fixed size into a doubling pooled buffer.
    private static unsafe int PollWithReadSize(int readSize)
    {
        using CapturePipes pipes = CapturePipes.Create();
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.FileActions(), null, s_argv, null);
        pipes.CloseChildEnds();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        int length = 0;
        int fd = (int)pipes.OutputRead.DangerousGetHandle();
        while (true)
        {
            if (buffer.Length - length < readSize)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            nint count;
            fixed (byte* free = &buffer[length])
                count = Libc.Read(fd, free, (nuint)readSize);
            if (count <= 0)
                break;
            length += (int)count;
        }
        child.WaitForExit();
        string text = Encoding.UTF8.GetString(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
        return text.Length;
    }

    // The shape RunAsync had: ReadAsync on a ChildPipeStream, each empty pipe a reactor registration
    // and each chunk a continuation on the thread pool.
    private static async Task<int> HopPerChunkAsync()
    {
        using var pipes = StandardPipes.Create(StandardStreams.Output | StandardStreams.Error);
        using PidFd child = Spawner.PidFdSpawnP("head", pipes.AddTo(new SpawnFileActions().AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0)), null, s_argv, null);
        pipes.CloseChildEnds();
        Task<string> output = ReadToEndAsync(pipes.Output!);
        Task<string> error = ReadToEndAsync(pipes.Error!);
        await child.WaitForExitAsync().ConfigureAwait(false);
        await error.ConfigureAwait(false);
        return (await output.ConfigureAwait(false)).Length;
    }

    private static async Task<string> ReadToEndAsync(ChildPipeStream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        int length = 0, count;
        while ((count = await stream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
        {
            length += count;
            if (length == buffer.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }
        string text = Encoding.UTF8.GetString(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
        return text;
    }

    // stdout and stderr are anonymous memory files: the child writes into page cache without ever
    // waking this process, which reads the file once the child exited. (It changes what a capture
    // means: output written after the exit by a grandchild is lost, and the child sees a regular file.)
    private static int MemoryFile()
    {
        using SafeFileHandle output = CreateMemoryFile(), error = CreateMemoryFile();
        var actions = new SpawnFileActions().AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0)
            .AddDup2((int)output.DangerousGetHandle(), 1).AddDup2((int)error.DangerousGetHandle(), 2);
        using PidFd child = Spawner.PidFdSpawnP("head", actions, null, s_argv, null);
        child.WaitForExit();
        int length = (int)RandomAccess.GetLength(output);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        int read = RandomAccess.Read(output, buffer.AsSpan(0, length), 0);
        string text = Encoding.UTF8.GetString(buffer, 0, read);
        ArrayPool<byte>.Shared.Return(buffer);
        return text.Length;
    }

    private static SafeFileHandle CreateMemoryFile()
    {
        int fd = MemfdCreate("spawn-capture", MFD_CLOEXEC);
        if (fd < 0)
            throw SpawnException.FromLastPInvokeError("memfd_create");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static int DevNull()
    {
        var actions = new SpawnFileActions().AddOpen(0, "/dev/null", OpenFlags.O_RDONLY, 0).AddOpen(1, "/dev/null", OpenFlags.O_WRONLY, 0);
        using PidFd child = Spawner.PidFdSpawnP("head", actions, null, s_argv, null);
        return child.WaitForExit().ExitCode == 0 ? Bytes : -1;
    }

    private static int GrowthCopies()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        while (buffer.Length < Bytes)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan().CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        return Bytes;
    }

    private static void Check(int length)
    {
        if (length != Bytes)
            throw new InvalidOperationException($"captured {length} bytes, expected {Bytes}");
    }

    private const uint MFD_CLOEXEC = 1;

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static unsafe partial int NanoSleep(TimeSpec* duration, TimeSpec* remaining);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);
}
