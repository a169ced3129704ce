using Spawn.Runtime.Tests.Infrastructure;

namespace Spawn.Runtime.Tests.Ported;

/// <summary>
/// Port of glibc <c>posix/tst-spawn2.c</c>: spawning a program that does not exist fails with
/// ENOENT from the exec stage, and leaves no child behind (the base class checks that no child,
/// running or zombie, and no descriptor outlives the test).
/// </summary>
public sealed class MissingProgramTests : LeakCheckedTest
{
    private const string MissingPath = "/nonexistent/spawn-test-program";
    private static readonly string[] s_argv = [MissingPath];

    [Fact]
    public void PidFdSpawn_throws_ENOENT_naming_the_exec_and_the_path()
    {
        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(MissingPath, null, null, s_argv, null));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(SpawnStage.Exec, exception.Stage);
        Assert.Equal(MissingPath, exception.Path);
        Assert.Equal($"exec \"{MissingPath}\": ENOENT (No such file or directory)", exception.Message);
    }

    [Fact]
    public void The_error_is_caught_as_Process_Start_errors_are_with_the_errno_as_native_code()
    {
        // Process.Start throws Win32Exception with the errno as NativeErrorCode on Linux; code that
        // catches that catches our error too and reads the same number.
        var processError = Assert.Throws<System.ComponentModel.Win32Exception>(() => System.Diagnostics.Process.Start(MissingPath));
        var spawnError = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawn(MissingPath, null, null, s_argv, null));

        Assert.IsAssignableFrom<System.ComponentModel.Win32Exception>(spawnError);
        Assert.Equal(Errno.ENOENT.Value, spawnError.NativeErrorCode);
        Assert.Equal(processError.NativeErrorCode, spawnError.NativeErrorCode);
    }

    [Fact]
    public void TryPidFdSpawn_returns_the_error_without_a_pidfd()
    {
        bool spawned = Spawner.TryPidFdSpawn(MissingPath, null, null, s_argv, null, out PidFd? pidfd, out SpawnError error);

        Assert.False(spawned);
        Assert.Null(pidfd);
        Assert.True(error.IsError);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal(SpawnStage.Exec, error.Stage);
    }

    [Fact]
    public void PosixSpawn_throws_ENOENT()
    {
        var exception = Assert.Throws<SpawnException>(() => Spawner.PosixSpawn(MissingPath, null, null, s_argv, null));

        Assert.Equal(Errno.ENOENT, exception.Errno);
    }

    [Fact]
    public void PidFdSpawnP_throws_ENOENT_when_no_PATH_entry_has_the_file()
    {
        const string File = "spawn-test-program-that-is-nowhere";

        var exception = Assert.Throws<SpawnException>(() => Spawner.PidFdSpawnP(File, null, null, [File], null));

        Assert.Equal(Errno.ENOENT, exception.Errno);
        Assert.Equal(SpawnStage.Exec, exception.Stage);
    }
}
