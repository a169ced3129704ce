using Xunit;
using Xunit.Abstractions;

namespace Spawn.Package.Tests.Cores;

/// <summary>
/// The shipped glibc cores load wherever .NET 10 does: no symbol version newer than the one
/// libcoreclr.so itself needs (runtime/native/glibc_floor.h explains how the build keeps to it).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class GlibcFloorTests(PackedPackage package, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("linux-x64", "2.27")]
    [InlineData("linux-arm64", "2.17")]
    public void The_core_needs_no_glibc_version_above_the_floor_of_dotnet(string runtimeIdentifier, string floor)
    {
        package.RequirePackage();
        IReadOnlyList<VersionNeed> needs = ElfVersionNeeds.Read(package.Core(runtimeIdentifier));
        foreach (VersionNeed need in needs)
            output.WriteLine($"{need.File} {need.Version}{(need.Weak ? " (weak)" : "")}: {string.Join(", ", need.Symbols)}");

        // The reader found the table at all: every glibc library needs libc.so.6's base version.
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version.StartsWith("GLIBC_", StringComparison.Ordinal));
        Version limit = System.Version.Parse(floor);
        string[] aboveFloor = needs
            .Where(n => !n.Version.StartsWith("GLIBC_", StringComparison.Ordinal) ||
                        !System.Version.TryParse(n.Version["GLIBC_".Length..], out Version? version) || version > limit)
            .Select(n => $"{n.Version} ({n.File}: {string.Join(", ", n.Symbols)})")
            .ToArray();
        Assert.True(aboveFloor.Length == 0,
            $"the {runtimeIdentifier} core needs more than glibc {floor}: {string.Join("; ", aboveFloor)}");
    }

    [SkippableFact]
    public void The_musl_core_needs_no_symbol_version()
    {
        package.RequirePackage();
        Assert.Empty(ElfVersionNeeds.Read(package.Core("linux-musl-x64")));
    }
}
