using System.Runtime.InteropServices;

namespace Spawn.Generators.Tests.Running;

/// <summary>Constant-descriptor file actions of generated specs, seen from inside the child.</summary>
public sealed class DescriptorTests
{
    [Fact]
    public void Dup2_of_a_constant_copies_the_descriptor_an_earlier_action_opened()
    {
        string folder = Directory.CreateTempSubdirectory("spawn-gen-dup2-").FullName;
        try
        {
            string path = Path.Combine(folder, "out.txt");

            Assert.Equal(0, TestSpecs.WriteThroughCopiedDescriptor(path).ExitCode);

            Assert.Equal("copied", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CloseFrom_leaves_the_child_no_inherited_descriptor_above_its_bound()
    {
        // A copy without close-on-exec, which every child inherits unless something closes it.
        using FileStream file = File.OpenRead("/proc/self/stat");
        int inheritable = LibC.Fcntl((int)file.SafeFileHandle.DangerousGetHandle(), LibC.F_DUPFD, 100);
        Assert.True(inheritable >= 100, "fcntl(F_DUPFD) failed: " + Marshal.GetLastPInvokeError());
        try
        {
            Assert.Equal(0, TestSpecs.HasDescriptor(inheritable).ExitCode);
            Assert.Equal(1, TestSpecs.HasDescriptorAfterCloseFrom(inheritable).ExitCode);
        }
        finally
        {
            LibC.Close(inheritable);
        }
    }
}
