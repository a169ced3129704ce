using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;
using Spawn.Cgroups;
using Spawn.Generators.Tests.Generation;

namespace Spawn.Generators.Tests.Running;

/// <summary>
/// <c>[Cgroup("/absolute/path")]</c>: a constant is fixed at compile time, but the cgroup only
/// exists once the test made it, so the spec is compiled here, with the generator, around the
/// path just created, then loaded and run.
/// </summary>
public sealed class ConstantCgroupTests
{
    [SkippableFact]
    public void A_constant_cgroup_path_places_the_child_in_that_cgroup()
    {
        string name = "spawn-generator-constant-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        using Cgroup? scope = TryCreateChildOfCurrent(name, out string? reason);
        Skip.If(scope is null, reason);
        AssemblyLoadContext context = new("constant-cgroup-spec", isCollectible: true);
        try
        {
            MethodInfo printCgroup = CompileSpec(scope.Path, context);
            object?[] arguments = [null];

            using PidFd child = (PidFd)printCgroup.Invoke(null, arguments)!;
            string output;
            using (StreamReader reader = new((Stream)arguments[0]!, Encoding.UTF8))
            {
                output = reader.ReadToEnd();
            }

            Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.Contains(output.Split('\n'), line => line.StartsWith("0::", StringComparison.Ordinal) && line.EndsWith("/" + name, StringComparison.Ordinal));
        }
        finally
        {
            context.Unload();
            scope.Delete();
        }
    }

    private static MethodInfo CompileSpec(string cgroupPath, AssemblyLoadContext context)
    {
        string source = $$"""
            using System.IO;
            using Spawn; using Spawn.Cgroups; using Spawn.Forking; using Spawn.Specs; using Spawn.Streams;

            public static partial class CgroupSpecs
            {
                [SpawnSpec("/bin/cat", "/proc/self/cgroup", SearchPath = false)]
                [Cgroup({{SymbolDisplay.FormatLiteral(cgroupPath, quote: true)}})]
                [StandardOutput(Redirect.Pipe)]
                public static partial PidFd PrintCgroup(out Stream stdout);
            }
            """;
        (_, Compilation output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        using MemoryStream image = new();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image).GetType("CgroupSpecs")!.GetMethod("PrintCgroup")!;
    }

    // A child of this process's own cgroup, or null and why not.
    internal static Cgroup? TryCreateChildOfCurrent(string name, out string? reason)
    {
        try
        {
            using Cgroup current = Cgroup.OpenCurrent();
            reason = null;
            return current.CreateChild(name);
        }
        catch (SpawnException error)
        {
            reason = "cannot create a cgroup2 folder under this process's cgroup: " + error.Message;
            return null;
        }
    }
}
