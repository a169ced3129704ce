// Uses [SpawnSpec] methods as a real program would: git queries (one piped, one captured), a compressor fed and drained
// through pipes, and workers started inside a fresh cgroup.
using System.Text;
using Spawn;
using Spawn.Cgroups;
using Spawn.SpecSample;
using Spawn.Streams;

string repository = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();

Console.WriteLine($"== git log of {repository}");
using (PidFd git = Tools.GitLog(repository, 3, out Stream log))
using (var reader = new StreamReader(log))
{
    Console.Write(await reader.ReadToEndAsync());
    Console.WriteLine($"git: {await git.WaitForExitAsync()}");
}

CapturedOutput head = Tools.Head(repository);
Console.WriteLine(head.Status.Exited && head.Status.ExitCode == 0
    ? $"HEAD is {head.StandardOutput.Trim()}"
    : $"git rev-parse: {head.Status}: {head.StandardError.Trim()}");

Console.WriteLine("== gzip round trip through pipes");
byte[] original = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("spawn without races; ", 5000)));
byte[] compressed = await PipeThroughAsync(Tools.Compress(9, out Stream zin, out Stream zout), zin, zout, original);
byte[] restored = await PipeThroughAsync(Tools.Decompress(out Stream din, out Stream dout), din, dout, compressed);
Console.WriteLine($"{original.Length} bytes -> {compressed.Length} compressed -> {restored.Length} restored, identical: {restored.AsSpan().SequenceEqual(original)}");

Console.WriteLine("== workers in a fresh cgroup");
using Cgroup root = Cgroup.Open(Cgroup.Cgroup2Mount);
using Cgroup scope = root.CreateChild($"spawn-spec-sample-{Environment.ProcessId}");
try
{
    ExitStatus[] statuses = await Task.WhenAll(
        Tools.Worker(scope, "a", CancellationToken.None).AsTask(),
        Tools.Worker(scope, "b", CancellationToken.None).AsTask());
    Console.WriteLine($"workers: {string.Join(", ", statuses)}; used {scope.CpuStat.Usage.TotalMilliseconds:0.###} ms of CPU");
}
finally
{
    if (scope.IsPopulated)
    {
        scope.Kill();
        scope.WaitUntilEmpty(TimeSpan.FromSeconds(5));
    }
    scope.Delete();
}

// Writes input to the child's stdin while reading its stdout, then waits for it.
static async Task<byte[]> PipeThroughAsync(PidFd child, Stream stdin, Stream stdout, byte[] input)
{
    using (child)
    {
        Task feed = Task.Run(async () =>
        {
            await using (stdin)
                await stdin.WriteAsync(input);
        });
        using var output = new MemoryStream();
        await using (stdout)
            await stdout.CopyToAsync(output);
        await feed;
        ExitStatus status = await child.WaitForExitAsync();
        if (!status.Exited || status.ExitCode != 0)
            throw new InvalidOperationException($"gzip {status}");
        return output.ToArray();
    }
}
