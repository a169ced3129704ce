using Xunit;
using Xunit.Abstractions;

namespace Spawn.Package.Tests;

public sealed class PackageConsumerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(8);
    private readonly string _work = Directory.CreateTempSubdirectory("spawn-package-").FullName;
    // A version of its own per run: the NuGet cache never serves a package from an earlier build.
    private readonly string _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    [Fact]
    public void A_fresh_project_installs_the_package_runs_generated_code_and_sees_analyzer_diagnostics()
    {
        string repository = FindRepositoryRoot();
        string feed = Path.Combine(_work, "feed");
        (int packExit, string packOutput) = DotnetCli.Run(repository, s_step,
            "pack", "runtime/Spawn.Runtime.csproj", "-c", "Release", "-o", feed, $"-p:Version={_version}");
        Assert.True(packExit == 0, packOutput);
        string package = Path.Combine(feed, $"Spawn.{_version}.nupkg");
        Assert.True(File.Exists(package), $"no {package}\n{packOutput}");
        AssertPackageLayout(package);

        string consumer = WriteConsumer(feed);
        (int buildExit, string buildOutput) = DotnetCli.Run(consumer, s_step, "build", "-c", "Release");
        output.WriteLine(buildOutput);
        Assert.True(buildExit == 0, buildOutput);
        // The deliberate violation below: a parameter the spec never uses.
        Assert.Contains("warning SPAWN0005", buildOutput, StringComparison.Ordinal);

        (int runExit, string runOutput) = DotnetCli.Run(consumer, s_step, "run", "-c", "Release", "--no-build");
        output.WriteLine(runOutput);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains("child said: hello from the package", runOutput, StringComparison.Ordinal);
        Assert.Contains("status: exited with code 3", runOutput, StringComparison.Ordinal);
    }

    private static void AssertPackageLayout(string package)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/Spawn.dll", entries);
        Assert.Contains("runtimes/linux-x64/native/libspawn_core.so", entries);
        Assert.Contains("analyzers/dotnet/cs/Spawn.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Spawn.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Spawn.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
    }

    private string WriteConsumer(string feed)
    {
        string consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Spawn" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

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
        return consumer;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Spawn.Generators.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (Spawn.Generators.sln) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        string cached = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "spawn", _version);
        if (Directory.Exists(cached))
            Directory.Delete(cached, recursive: true);
    }
}
