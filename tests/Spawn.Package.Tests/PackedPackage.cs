using System.IO.Compression;
using Xunit;

namespace Spawn.Package.Tests;

/// <summary>
/// The package as a new user makes it: the repository's committed HEAD cloned into an empty folder
/// (no bin/, no obj/, nothing restored), then exactly the README's pack command in it. Made once
/// for every test of the "package" collection; the NuGet cache's copy is removed afterwards.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    /// <summary>The README's command, word for word.</summary>
    public static readonly string[] PackCommand = ["pack", "runtime/Spawn.Runtime.csproj", "-c", "Release", "-o", "./feed"];

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(8);

    /// <summary>Compilers the package's cores need (scripts/install-toolchains.sh installs them).</summary>
    public static readonly string[] CrossCompilers = ["aarch64-linux-gnu-gcc", "musl-gcc"];

    public PackedPackage()
    {
        Work = Directory.CreateTempSubdirectory("spawn-package-").FullName;
        Clone = Path.Combine(Work, "spawn");
        MissingTool = CrossCompilers.FirstOrDefault(c => ExternalProgram.Find(c) is null);
        if (MissingTool is not null)
            return;

        (int cloneExit, string cloneOutput) = ExternalProgram.Run("git", Work, Step, "clone", "--quiet", "--no-hardlinks", RepositoryRoot, Clone);
        if (cloneExit != 0)
            throw new InvalidOperationException($"git clone {RepositoryRoot} failed:\n{cloneOutput}");
        (PackExitCode, PackOutput) = DotnetCli.Run(Clone, Step, PackCommand);
        string feed = Path.Combine(Clone, "feed");
        Package = Directory.Exists(feed) ? Directory.GetFiles(feed, "Spawn.*.nupkg").SingleOrDefault() : null;
        if (Package is null)
            return;
        Version = Path.GetFileNameWithoutExtension(Package)["Spawn.".Length..];
        Extracted = Path.Combine(Work, "extracted");
        ZipFile.ExtractToDirectory(Package, Extracted);
    }

    public string Work { get; }

    /// <summary>The fresh clone the package was packed in.</summary>
    public string Clone { get; }

    public string Feed => Path.Combine(Clone, "feed");

    /// <summary>A cross compiler that is not installed, so nothing was packed; null when all are there.</summary>
    public string? MissingTool { get; }

    public int PackExitCode { get; } = -1;

    public string PackOutput { get; } = "";

    public string? Package { get; }

    public string Version { get; } = "";

    /// <summary>The package's files, unzipped.</summary>
    public string Extracted { get; } = "";

    public string Core(string runtimeIdentifier) => Path.Combine(Extracted, "runtimes", runtimeIdentifier, "native", "libspawn_core.so");

    /// <summary>Skips when a compiler is missing; fails with the pack's output when packing failed.</summary>
    public void RequirePackage()
    {
        Skip.If(MissingTool is not null, $"{MissingTool} is not installed: run scripts/install-toolchains.sh (CI's .ci/run does)");
        Assert.True(PackExitCode == 0 && Package is not null, $"dotnet {string.Join(' ', PackCommand)} failed ({PackExitCode}):\n{PackOutput}");
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

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
        Directory.Delete(Work, recursive: true);
        if (Version.Length == 0)
            return;
        string cached = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "spawn", Version);
        if (Directory.Exists(cached))
            Directory.Delete(cached, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "package";
}
