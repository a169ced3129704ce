using Xunit;
using Xunit.Abstractions;

namespace Spawn.Package.Tests;

/// <summary>
/// The package is what the README says: AOT-compatible and trimmable. A consumer that uses a
/// [SpawnSpec] method (awaited and captured), Spawner, the reactor (WaitForExitAsync) and
/// OutputCapture is published with Native AOT, and once trimmed and self-contained, with every
/// warning an error (the IL2xxx trim and IL3xxx AOT analysis warnings included), then run.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TrimmedConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    private const string Program = """
        using Spawn;
        using Spawn.Specs;
        using Spawn.Streams;

        using (PidFd child = Spawner.PidFdSpawnP("sh", null, null, ["sh", "-c", "exit 4"], null))
            Console.WriteLine($"spawner: {await child.WaitForExitAsync()}");
        Console.WriteLine($"spec: {await Tools.ExitWith(5, CancellationToken.None)}");
        CapturedOutput captured = await OutputCapture.RunAsync("sh", ["-c", "echo out; echo err >&2"]);
        Console.WriteLine($"capture: {captured.StandardOutput.Trim()} {captured.StandardError.Trim()} {captured.Status}");
        Console.WriteLine($"spec capture: {Tools.Echo("generated").StandardOutput.Trim()}");

        static partial class Tools
        {
            [SpawnSpec("/bin/sh", "-c", "exit \"$0\"", "{code}", SearchPath = false)]
            public static partial ValueTask<ExitStatus> ExitWith(int code, CancellationToken cancellationToken);

            [SpawnSpec("echo", "{text}")]
            public static partial CapturedOutput Echo(string text);
        }
        """;

    [SkippableTheory]
    [InlineData("Aot", "<PublishAot>true</PublishAot>")]
    [InlineData("Trimmed", "<PublishTrimmed>true</PublishTrimmed><SelfContained>true</SelfContained>")]
    public void A_consumer_publishes_without_warnings_and_runs(string name, string publishProperties)
    {
        package.RequirePackage();
        string consumer = ConsumerProject.Write(package, name,
            $"<TreatWarningsAsErrors>true</TreatWarningsAsErrors><RuntimeIdentifier>linux-x64</RuntimeIdentifier>{publishProperties}", Program);
        string published = Path.Combine(consumer, "published");
        (int publishExit, string publishOutput) = DotnetCli.Run(consumer, PackedPackage.Step, "publish", "-c", "Release", "-o", published);
        output.WriteLine(publishOutput);
        Assert.True(publishExit == 0, publishOutput);
        Assert.DoesNotContain(": warning ", publishOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(published, "libspawn_core.so")), "the core was not published next to the program");

        (int runExit, string runOutput) = ExternalProgram.Run(Path.Combine(published, name), consumer, TimeSpan.FromMinutes(1));
        output.WriteLine(runOutput);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains("spawner: exited with code 4", runOutput, StringComparison.Ordinal);
        Assert.Contains("spec: exited with code 5", runOutput, StringComparison.Ordinal);
        Assert.Contains("capture: out err exited with code 0", runOutput, StringComparison.Ordinal);
        Assert.Contains("spec capture: generated", runOutput, StringComparison.Ordinal);
    }
}
