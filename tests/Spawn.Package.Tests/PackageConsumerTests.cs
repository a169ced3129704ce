using Xunit;
using Xunit.Abstractions;

namespace Spawn.Package.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    [SkippableFact]
    public void The_READMEs_pack_command_works_in_a_fresh_clone_and_makes_a_dated_version()
    {
        package.RequirePackage();
        output.WriteLine(package.PackOutput);
        // A version of its own per pack, so that the NuGet cache never serves an earlier build's copy.
        Assert.Matches(@"^0\.2\.0-dev\.\d{14}$", package.Version);
        Assert.True(File.Exists(Path.ChangeExtension(package.Package, ".snupkg")), "no symbols package next to " + package.Package);
    }

    [SkippableFact]
    public void The_package_holds_the_library_three_cores_the_Roslyn_components_and_its_metadata()
    {
        package.RequirePackage();
        foreach (string file in new[]
        {
            "lib/net10.0/Spawn.dll",
            "runtimes/linux-x64/native/libspawn_core.so",
            "runtimes/linux-arm64/native/libspawn_core.so",
            "runtimes/linux-musl-x64/native/libspawn_core.so",
            "analyzers/dotnet/cs/Spawn.Generators.dll",
            "analyzers/dotnet/cs/Spawn.Analyzers.dll",
            "analyzers/dotnet/cs/Spawn.Analyzers.CodeFixes.dll",
            "README.md",
        })
        {
            Assert.True(File.Exists(Path.Combine(package.Extracted, file)), $"the package lacks {file}");
        }
        string nuspec = File.ReadAllText(Path.Combine(package.Extracted, "Spawn.nuspec"));
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        (_, string head) = ExternalProgram.Run("git", package.Clone, PackedPackage.Step, "rev-parse", "HEAD");
        Assert.Matches($"<repository type=\"git\" url=\"https://[^\"]+\" commit=\"{head.Trim()}\" />", nuspec);
    }

    [SkippableFact]
    public void Packing_fails_when_a_promised_core_cannot_be_built()
    {
        package.RequirePackage();
        string noFeed = Path.Combine(package.Work, "no-feed");
        (int exit, string packOutput) = DotnetCli.Run(package.Clone, PackedPackage.Step,
            "pack", "runtime/Spawn.Runtime.csproj", "-c", "Release", "-o", noFeed, "-p:SpawnMuslCompiler=no-such-musl-gcc");
        output.WriteLine(packOutput);
        Assert.NotEqual(0, exit);
        Assert.Contains("linux-musl-x64 core, and its compiler no-such-musl-gcc is missing", packOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(noFeed) && Directory.EnumerateFiles(noFeed, "*.nupkg").Any(), "a package was made without its musl core");
    }

    [SkippableFact]
    public void A_fresh_project_installs_the_package_runs_generated_code_and_sees_analyzer_diagnostics()
    {
        package.RequirePackage();
        string consumer = ConsumerProject.Write(package, "Consumer", "", """
            using Spawn;
            using Spawn.Specs;

            using (PidFd child = Tools.Greet("hello from the package", out Stream stdout))
            using (var reader = new StreamReader(stdout))
            {
                Console.WriteLine($"child said: {reader.ReadToEnd().Trim()}");
                child.WaitForExit();
            }
            Console.WriteLine($"status: {Tools.ExitWith(3, unused: 0)}");

            static partial class Tools
            {
                [SpawnSpec("echo", "{text}")]
                [StandardOutput(Redirect.Pipe)]
                public static partial PidFd Greet(string text, out Stream stdout);

                [SpawnSpec("/bin/sh", "-c", "exit \"$0\"", "{code}", SearchPath = false)]
                public static partial ExitStatus ExitWith(int code, int unused);
            }
            """);
        (int buildExit, string buildOutput) = DotnetCli.Run(consumer, PackedPackage.Step, "build", "-c", "Release");
        output.WriteLine(buildOutput);
        Assert.True(buildExit == 0, buildOutput);
        // The deliberate violation above: a parameter the spec never uses.
        Assert.Contains("warning SPAWN0005", buildOutput, StringComparison.Ordinal);

        (int runExit, string runOutput) = DotnetCli.Run(consumer, PackedPackage.Step, "run", "-c", "Release", "--no-build");
        output.WriteLine(runOutput);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains("child said: hello from the package", runOutput, StringComparison.Ordinal);
        Assert.Contains("status: exited with code 3", runOutput, StringComparison.Ordinal);
    }
}
