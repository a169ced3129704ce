using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn4.c</c>: a file without execute permission gives EACCES, for
/// the path and the PATH-searching variants alike; plus glibc's ENOEXEC rule: an executable file
/// the kernel cannot run is reported as ENOEXEC, not handed to a shell.
/// </summary>
public sealed class NonExecutableTests : LeakCheckedTest
{
    private const int ReadWrite = 0b110_100_100;
    private const int ReadWriteExecute = 0b111_101_101;

    [Fact]
    public void PidFdSpawn_of_a_file_without_execute_permission_throws_EACCES()
    {
        using var directory = new TestDirectory();
        string path = CreateScript(directory, "not-executable", ReadWrite);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(path, null, null, [path], null));

        Assert.Equal(Errno.EACCES, exception.Errno);
        Assert.Equal(SpawnStage.Exec, exception.Stage);
    }

    [Fact]
    public void PidFdSpawnP_of_a_path_without_execute_permission_throws_EACCES()
    {
        using var directory = new TestDirectory();
        string path = CreateScript(directory, "not-executable", ReadWrite);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawnP(path, null, null, [path], null));

        Assert.Equal(Errno.EACCES, exception.Errno);
    }

    [Fact]
    public void PidFdSpawnP_of_an_executable_without_interpreter_line_throws_ENOEXEC()
    {
        using var directory = new TestDirectory();
        string path = directory.CreateFile("no-interpreter", "exit 0\n");
        File.SetUnixFileMode(path, (UnixFileMode)ReadWriteExecute);

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawnP(path, null, null, [path], null));

        Assert.Equal(Errno.ENOEXEC, exception.Errno);
    }

    private static string CreateScript(TestDirectory directory, string name, int mode)
    {
        string path = directory.CreateFile(name, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        return path;
    }
}
