using Microsoft.Win32.SafeHandles;
using Spawn.Runtime.Tests.Infrastructure;
using Spawn.Runtime.Tests.Probe;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn-chdir.c</c>: chdir and fchdir actions change the child's
/// working directory in order, relative paths of later actions and of the program itself resolve
/// against it, and failures name the action.
/// </summary>
public sealed class ChdirTests : LeakCheckedTest
{
    [Fact]
    public void Chdir_sets_the_working_directory()
    {
        using var directory = new TestDirectory();

        ProbeReport report = ProbeChild.RunToSuccess(new SpawnFileActions().AddChdir(directory.Path), null, "cwd");

        Assert.Equal(directory.Path, report["cwd"]);
    }

    [Fact]
    public void Relative_chdirs_and_opens_resolve_against_the_previous_chdir()
    {
        using var directory = new TestDirectory();
        Directory.CreateDirectory(directory["sub"]);
        File.WriteAllText(directory["sub/data"], "relative");
        var actions = new SpawnFileActions()
            .AddChdir(directory.Path)
            .AddChdir("sub")
            .AddOpen(5, "data", OpenFlags.O_RDONLY, 0);

        ProbeReport report = ProbeChild.RunToSuccess(actions, null, "cwd", "read", "5");

        Assert.Equal(directory["sub"], report["cwd"]);
        Assert.Equal("relative", report.ForFd("read", 5));
    }

    [Fact]
    public void A_relative_program_path_resolves_after_the_chdir()
    {
        using var directory = new TestDirectory();
        File.CreateSymbolicLink(directory["probe-link"], ProbeProgram.Path);
        using var output = new ProbeOutput();
        SpawnFileActions actions = output.RedirectStdout(new SpawnFileActions().AddChdir(directory.Path));

        using PidFd pidfd = Spawner.PidFdSpawn("./probe-link", actions, null, ["./probe-link", "cwd"], null);

        Assert.Equal(0, pidfd.WaitForExit().ExitCode);
        Assert.Equal(directory.Path, output.Read()["cwd"]);
    }

    [Fact]
    public void Fchdir_sets_the_working_directory_from_a_descriptor()
    {
        using var directory = new TestDirectory();
        using SafeFileHandle folder = LibC.OpenOwned(directory.Path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC);

        ProbeReport report = ProbeChild.RunToSuccess(new SpawnFileActions().AddFchdir(folder.Fd()), null, "cwd");

        Assert.Equal(directory.Path, report["cwd"]);
    }

    [Fact]
    public void Chdir_to_a_missing_folder_fails_with_ENOENT_naming_the_action()
    {
        const string Missing = "/nonexistent/spawn-test-folder";

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(
            ProbeProgram.Path, new SpawnFileActions().AddOpen(3, "/dev/null", OpenFlags.O_RDONLY, 0).AddChdir(Missing), null, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(1, exception.ActionIndex);
        Assert.Equal(SpawnFileActionKind.Chdir, exception.ActionKind);
        Assert.Contains(Missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fchdir_to_a_file_fails_with_ENOTDIR()
    {
        using SafeFileHandle file = LibC.OpenOwned("/dev/null", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(
            ProbeProgram.Path, new SpawnFileActions().AddFchdir(file.Fd()), null, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.ENOTDIR, exception.Errno);
        Assert.Equal(SpawnFileActionKind.Fchdir, exception.ActionKind);
    }

    [Fact]
    public void Fchdir_of_a_closed_descriptor_fails_with_EBADF()
    {
        int fd = LibC.FirstClosedAbove(2);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(
            ProbeProgram.Path, new SpawnFileActions().AddFchdir(fd), null, ProbeProgram.Argv(), null));

        Assert.Equal(Errno.EBADF, exception.Errno);
        Assert.Equal(0, exception.ActionIndex);
    }
}
